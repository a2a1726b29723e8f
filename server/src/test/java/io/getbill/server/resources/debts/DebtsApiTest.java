package io.getbill.server.resources.debts;

import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.getbill.server.testsupport.ApiCalls.V1;
import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debts over HTTP against a real MariaDB: each operation, each validation rule, ETag and If-Match. */
@MicronautTest(transactional = false)
class DebtsApiTest extends ResourceTest {

    private String create(Map<String, Object> body) {
        return acme.post("/debts", body).then().log().ifValidationFails().statusCode(201).extract().path("data.id");
    }

    @Test
    void createWithFrenchNationalPhoneThenCreatedPendingWithE164PhoneAndNoNulls() {
        acme.post("/debts", debt("civility", "Mr", "object", "Invoice #1", "internal_id", "C-1", "invoice_date", "2024-01-01",
                        "due_date", "2024-01-31", "iban", "FR7630006000011234567890189", "metadata", map("crm", "X", "n", 2, "vip", true)))
                .then().log().ifValidationFails().statusCode(201)
                .body("error", equalTo(false))
                .body("message", equalTo("Debt created successfully"))
                .body("data.id", notNullValue())
                .body("data.status", equalTo("pending"))
                .body("data.phone", equalTo("+33612345678"))
                .body("data.amount_text", equalTo("1250.00"))
                .body("data.currency", equalTo("EUR"))
                .body("data.object", equalTo("Invoice #1"))
                .body("data.nb_reminders", equalTo(0))
                .body("data.followups_count", equalTo(0))
                .body("data.metadata.crm", equalTo("X"))
                .body("data.metadata.n", equalTo(2))
                .body("data.metadata.vip", equalTo(true))
                .body("data.debtor_id", notNullValue())
                .body("data", not(hasKey("creditor_id")))
                .body("data", not(hasKey("birthdate")))
                .body("data", not(hasKey("timeline_id")))
                .body("data.payment_plan_active", equalTo(false))
                .body("data.created_at", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void createWithNinePhoneDigitsOrOverseasNationalNumberThenNormalisedToE164() {
        acme.post("/debts", debt("phone", "612345679")).then().statusCode(201).body("data.phone", equalTo("+33612345679"));
        acme.post("/debts", debt("phone", "0690123456", "accept_expensive_destination", true))
                .then().statusCode(201).body("data.phone", equalTo("+590690123456"));
    }

    @Test
    void createWithoutPhoneAndEmailThenBadRequestNamingBoth() {
        acme.post("/debts", debt("phone", null, "email", null)).then().statusCode(400)
                .body("code", equalTo(400)).body("request_id", notNullValue())
                .body("details.phone", notNullValue()).body("details.email", notNullValue());
    }

    @Test
    void createBreakingEveryRuleThenOneBadRequestListsEveryField() {
        acme.post("/debts", debt("firstname", "", "phone", "12", "email", "a@localhost", "currency", "XXX",
                        "amount", 12.345, "iban", "FR7630006000011234567890188", "invoice_date", "2024-02-01",
                        "due_date", "2024-01-01", "timeline_id", "tl1", "timeline_start_mode", "next_day",
                        "payment_link", "ftp://x.example/p", "birthdate", "2999-01-01",
                        "metadata", map("nested", map("a", 1))))
                .then().log().ifValidationFails().statusCode(400)
                .body("message", equalTo("Validation failed"))
                .body("details.keySet()", org.hamcrest.Matchers.hasItems("firstname", "phone", "email", "currency",
                        "amount", "iban", "due_date", "timeline_id", "payment_link", "birthdate", "metadata"));
    }

    @Test
    void createWithTooShortOrUnknownCountryPhoneThenBadRequestWithPublicMessages() {
        acme.post("/debts", debt("phone", "+331")).then().statusCode(400).body("details.phone[0]", equalTo("phone number too short"));
        acme.post("/debts", debt("phone", "+999123456789")).then().statusCode(400).body("details.phone[0]", equalTo("invalid country code"));
    }

    @Test
    void createWithUnknownNullWrongTypeOrMalformedBodyThenBadRequestNamingTheField() {
        acme.post("/debts", debt("colour", "red")).then().statusCode(400).body("details.colour[0]", equalTo("Unknown field"));
        acme.post("/debts", debt("status", "paid")).then().statusCode(400).body("details.status[0]", equalTo("Unknown field"));
        acme.post("/debts", debt("internal_id", List.of(1))).then().statusCode(400).body("details.internal_id", notNullValue());
        acme.post("/debts", debt("internal_id", 12)).then().statusCode(400).body("details.internal_id[0]", equalTo("Must be a string"));
        acme.post("/debts", debt("accept_expensive_destination", "yes")).then().statusCode(400)
                .body("details.accept_expensive_destination", notNullValue());
        acme.post("/debts", debt("metadata", map("k", "v"), "colour", "red", "firstname", "")).then().statusCode(400)
                .body("details.colour", notNullValue());
        acme.post("/debts", debt("amount", "lots")).then().statusCode(400).body("details.amount[0]", equalTo("Must be a number"));
        acme.post("/debts", "{\"firstname\":\"A\",\"lastname\":\"B\",\"email\":\"a@b.example\",\"amount\":1,\"currency\":\"EUR\",\"object\":null}")
                .then().statusCode(400).body("details.object", notNullValue());
        acme.post("/debts", "{\"firstname\":").then().statusCode(400).body("error", equalTo(true)).body("code", equalTo(400));
        acme.post("/debts", "[]").then().statusCode(400).body("code", equalTo(400));
    }

    @Test
    void createWithWrongContentTypeThenUnsupportedMediaType() {
        acme.request().contentType("text/plain").body("hello").post(V1 + "/debts")
                .then().statusCode(415).body("code", equalTo(415)).body("error", equalTo(true));
    }

    @Test
    void createWithBodyOverFiveMegabytesThenPayloadTooLarge() {
        String big = "{\"firstname\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";
        Response r = acme.request().contentType("application/json").body(big).post(V1 + "/debts");
        assertEquals(413, r.statusCode(), r.asString());
    }

    @Test
    void createWithExpensiveDestinationThenUnprocessableUntilAccepted() {
        acme.post("/debts", debt("phone", "+212612345678")).then().statusCode(422)
                .body("details.phone[0]", containsString("Maghreb: 125 credits per call (5.0x)"));
        acme.post("/debts", debt("phone", "+590690123456")).then().statusCode(422)
                .body("details.phone[0]", containsString("DOM-TOM: 100 credits"));
        acme.post("/debts", debt("phone", "+4915123456789")).then().statusCode(422)
                .body("details.phone[0]", containsString("EU: 30 credits"));
        acme.post("/debts", debt("phone", "+212612345678", "accept_expensive_destination", true)).then().statusCode(201);
    }

    @Test
    void createWithAmountWithMoreThanTwoDecimalsOrZeroThenBadRequest() {
        acme.post("/debts", debt("amount", 10.001)).then().statusCode(400).body("details.amount", notNullValue());
        acme.post("/debts", debt("amount", 0)).then().statusCode(400).body("details.amount", notNullValue());
        acme.post("/debts", debt("amount", 10.5, "currency", "JPY")).then().statusCode(400).body("details.amount", notNullValue());
        acme.post("/debts", debt("amount", 10.10)).then().statusCode(201).body("data.amount_text", equalTo("10.10"));
    }

    @Test
    void createWithMetadataOverBoundsThenBadRequest() {
        Map<String, Object> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("k" + i, i);
        }
        acme.post("/debts", debt("metadata", many)).then().statusCode(400).body("details.metadata", notNullValue());
        acme.post("/debts", debt("metadata", map("k".repeat(65), "v"))).then().statusCode(400).body("details.metadata", notNullValue());
        acme.post("/debts", debt("metadata", map("k", "v".repeat(501)))).then().statusCode(400).body("details.metadata", notNullValue());
        acme.post("/debts", debt("metadata", map("k", List.of(1)))).then().statusCode(400).body("details.metadata", notNullValue());
    }

    @Test
    void createWithTokenLackingWriteScopeThenForbidden() {
        reader.post("/debts", debt()).then().statusCode(403).body("code", equalTo(403));
    }

    @Test
    void getThenEtagIsStableUntilTheDebtChanges() {
        String id = create(debt());
        String first = acme.get("/debts/" + id).then().statusCode(200).header("ETag", notNullValue())
                .body("message", equalTo("Success")).extract().header("ETag");
        assertEquals(first, acme.get("/debts/" + id).header("ETag"));
        acme.put("/debts/" + id, map("summary", "called")).then().statusCode(200);
        assertNotEquals(first, acme.get("/debts/" + id).header("ETag"));
    }

    @Test
    void getUnknownIdThenNotFoundEnvelope() {
        acme.get("/debts/nope").then().statusCode(404).body("error", equalTo(true)).body("code", equalTo(404))
                .body("message", equalTo("Debt not found"));
        acme.get("/debts/bad%20id").then().statusCode(400).body("details.id", notNullValue());
    }

    @Test
    void updateIsPartialAndKeepsTheOtherFields() {
        String id = create(debt("internal_id", "KEEP", "object", "Original"));
        acme.put("/debts/" + id, map("status", "in_progress", "amount", 99.5, "metadata", map("a", "b")))
                .then().log().ifValidationFails().statusCode(200)
                .header("ETag", notNullValue())
                .body("message", equalTo("Debt updated successfully"))
                .body("data.status", equalTo("in_progress"))
                .body("data.amount_text", equalTo("99.50"))
                .body("data.internal_id", equalTo("KEEP"))
                .body("data.object", equalTo("Original"))
                .body("data.metadata.a", equalTo("b"));
    }

    @Test
    void updateWithNullEmptyBodyOrUnsettableStatusThenBadRequest() {
        String id = create(debt());
        acme.put("/debts/" + id, "{\"summary\":null}").then().statusCode(400).body("details.summary", notNullValue());
        acme.put("/debts/" + id, "{}").then().statusCode(400).body("details.body", notNullValue());
        acme.put("/debts/" + id, map("status", "pending")).then().statusCode(400).body("details.status", notNullValue());
        acme.put("/debts/" + id, map("timeline_id", "tl1")).then().statusCode(400)
                .body("details.timeline_id", notNullValue());
        acme.put("/debts/" + id, map("timeline_start_mode", "next_day")).then().statusCode(400)
                .body("details.timeline_start_mode", notNullValue());
    }

    @Test
    void updateDueDateBeforeStoredInvoiceDateThenBadRequest() {
        String id = create(debt("invoice_date", "2024-03-01"));
        acme.put("/debts/" + id, map("due_date", "2024-02-01")).then().statusCode(400).body("details.due_date", notNullValue());
        acme.put("/debts/" + id, map("due_date", "2024-03-01")).then().statusCode(200);
    }

    @Test
    void updateToExpensivePhoneThenUnprocessableUntilAccepted() {
        String id = create(debt());
        acme.put("/debts/" + id, map("phone", "+21620123456")).then().statusCode(422).body("details.phone", notNullValue());
        acme.get("/debts/" + id).then().body("data.phone", equalTo("+33612345678"));
        acme.put("/debts/" + id, map("phone", "+21650123456", "accept_expensive_destination", true)).then().statusCode(200)
                .body("data.phone", equalTo("+21650123456"));
    }

    @Test
    void updateWithStaleIfMatchThenPreconditionFailedAndNothingChanges() {
        String id = create(debt());
        String etag = acme.get("/debts/" + id).header("ETag");
        String next = acme.json(map("summary", "one")).header("If-Match", etag).put(V1 + "/debts/" + id)
                .then().statusCode(200).extract().header("ETag");
        acme.json(map("summary", "two")).header("If-Match", etag).put(V1 + "/debts/" + id)
                .then().statusCode(412).body("code", equalTo(412));
        acme.get("/debts/" + id).then().body("data.summary", equalTo("one"));
        acme.json(map("summary", "three")).header("If-Match", "W/" + next).put(V1 + "/debts/" + id).then().statusCode(412);
        acme.json(map("summary", "three")).header("If-Match", "\"other\", " + next).put(V1 + "/debts/" + id).then().statusCode(200);
        acme.json(map("summary", "four")).header("If-Match", "*").put(V1 + "/debts/" + id).then().statusCode(200);
        acme.json(map("summary", "five")).header("If-Match", "not-a-tag").put(V1 + "/debts/" + id)
                .then().statusCode(400).body("details.If-Match", notNullValue());
    }

    @Test
    void deleteThenGetAndSecondDeleteAreNotFound() {
        String id = create(debt());
        acme.delete("/debts/" + id).then().statusCode(200).body("message", equalTo("Debt deleted successfully"))
                .body("$", not(hasKey("data")));
        acme.get("/debts/" + id).then().statusCode(404);
        acme.delete("/debts/" + id).then().statusCode(404);
    }

    @Test
    void listFiltersByStatusCurrencyAndCreatedRangeNewestFirst() throws Exception {
        String a = create(debt("currency", "USD", "internal_id", "L-A"));
        // Through MySQL Connector/J, MariaDB keeps whole seconds: make the creation times differ.
        createdEarlier(a, 2);
        String b = create(debt("currency", "USD", "internal_id", "L-B"));
        create(debt("currency", "GBP"));
        String paid = create(debt("currency", "USD"));
        acme.put("/debts/" + paid, map("status", "paid")).then().statusCode(200);
        acme.request().queryParam("status", "pending").queryParam("currency", "USD")
                .queryParam("created_from", "2020-01-01T00:00:00Z").queryParam("created_to", "2999-01-01T00:00:00Z")
                .get(V1 + "/debts").then().log().ifValidationFails().statusCode(200)
                .body("data.id", contains(b, a))
                .body("pagination.total", equalTo(2)).body("pagination.page", equalTo(1))
                .body("pagination.limit", equalTo(20)).body("pagination.pages", equalTo(1));
        acme.request().queryParam("currency", "USD").queryParam("sort", "created_at").queryParam("status", "pending")
                .get(V1 + "/debts").then().statusCode(200).body("data.id", contains(a, b));
        acme.request().queryParam("created_to", "2020-01-01T00:00:00Z").get(V1 + "/debts").then().statusCode(200)
                .body("data", empty()).body("pagination.total", equalTo(0)).body("pagination.pages", equalTo(0));
    }

    @Test
    void listSearchIsCaseInsensitivePrefixOnInternalIdNamesAndObjectNotSubstring() {
        String byId = create(debt("internal_id", "ZQX-900", "amount", 3));
        String byLast = create(debt("lastname", "Zqxlastname", "amount", 2));
        String byObject = create(debt("object", "zqx invoice", "amount", 1));
        create(debt("internal_id", "A-ZQX"));
        acme.request().queryParam("search", "zQx").queryParam("sort", "-amount").get(V1 + "/debts").then().statusCode(200)
                .body("data.id", contains(byId, byLast, byObject));
        acme.request().queryParam("search", "50%25_").get(V1 + "/debts").then().statusCode(200).body("data", empty());
    }

    @Test
    void listSortsByAmountWithIdBreakingTies() {
        String small = create(debt("currency", "CHF", "amount", 5));
        String big = create(debt("currency", "CHF", "amount", 500));
        String tieA = create(debt("currency", "CHF", "amount", 50));
        String tieB = create(debt("currency", "CHF", "amount", 50));
        // Ties come in id order, as the database collates ids; whatever that order, it is the same in both directions.
        List<String> ties = acme.request().queryParam("currency", "CHF").queryParam("sort", "amount").queryParam("amount_min", 50)
                .queryParam("amount_max", 50).get(V1 + "/debts").then().statusCode(200).extract().path("data.id");
        assertEquals(java.util.Set.of(tieA, tieB), java.util.Set.copyOf(ties));
        acme.request().queryParam("currency", "CHF").queryParam("sort", "-amount").get(V1 + "/debts").then().statusCode(200)
                .body("data.id", contains(big, ties.get(0), ties.get(1), small));
        acme.request().queryParam("currency", "CHF").queryParam("sort", "amount").get(V1 + "/debts").then().statusCode(200)
                .body("data.id", contains(small, ties.get(0), ties.get(1), big));
    }

    @Test
    void listWithPagingOutOfRangeThenBadRequestNamingTheParameter() {
        acme.request().queryParam("page", 0).get(V1 + "/debts").then().statusCode(400).body("details.page", notNullValue());
        acme.request().queryParam("limit", 101).get(V1 + "/debts").then().statusCode(400).body("details.limit", notNullValue());
        acme.request().queryParam("limit", 0).get(V1 + "/debts").then().statusCode(400).body("details.limit", notNullValue());
        acme.request().queryParam("page", "x").get(V1 + "/debts").then().statusCode(400).body("details.page", notNullValue());
    }

    @Test
    void listPagePastTheEndThenEmptyDataWithRealTotal() {
        create(debt("currency", "SEK"));
        acme.request().queryParam("currency", "SEK").queryParam("page", 5).queryParam("limit", 1).get(V1 + "/debts")
                .then().statusCode(200).body("data", empty()).body("pagination.total", equalTo(1))
                .body("pagination.page", equalTo(5)).body("pagination.pages", equalTo(1));
    }

    @Test
    void listWithInvertedRangesOrInvalidValuesThenBadRequestNamingTheParameter() {
        acme.request().queryParam("amount_min", 10).queryParam("amount_max", 5).get(V1 + "/debts")
                .then().statusCode(400).body("details.amount_max", notNullValue());
        acme.request().queryParam("created_from", "2024-02-01T00:00:00Z").queryParam("created_to", "2024-01-01T00:00:00Z")
                .get(V1 + "/debts").then().statusCode(400).body("details.created_to", notNullValue());
        acme.request().queryParam("created_from", "yesterday").get(V1 + "/debts").then().statusCode(400)
                .body("details.created_from", notNullValue());
        acme.request().queryParam("status", "active").get(V1 + "/debts").then().statusCode(400).body("details.status", notNullValue());
        acme.request().queryParam("amount_min", "x").get(V1 + "/debts").then().statusCode(400).body("details.amount_min", notNullValue());
        acme.request().queryParam("currency", "eur").get(V1 + "/debts").then().statusCode(400).body("details.currency", notNullValue());
        acme.request().queryParam("sort", "name").get(V1 + "/debts").then().statusCode(400).body("details.sort", notNullValue());
    }

    @Test
    void byDebtorAndByCreditorListTheirDebtsAndUnknownOwnersAreNotFound() {
        String first = create(debt("phone", "0611111111", "email", "owner@example.com", "company", "Owner Corp"));
        String debtorId = acme.get("/debts/" + first).path("data.debtor_id");
        String creditorId = acme.get("/debts/" + first).path("data.creditor_id");
        String second = create(debt("phone", "0611111111", "email", "other@example.com", "company", "OWNER CORP"));
        acme.get("/debts/by-debtor/" + debtorId).then().statusCode(200).body("data.id", org.hamcrest.Matchers.containsInAnyOrder(second, first));
        acme.get("/debts/by-creditor/" + creditorId).then().statusCode(200).body("data.id", org.hamcrest.Matchers.containsInAnyOrder(second, first))
                .body("pagination.total", equalTo(2));
        acme.get("/debts/by-debtor/unknown").then().statusCode(404);
        acme.get("/debts/by-creditor/unknown").then().statusCode(404);
        acme.get("/debts/by-creditor/" + creditorId + "?sort=nope").then().statusCode(400);
    }

    @Test
    void createWithoutCompanyThenNoCreditor() {
        String id = create(debt());
        acme.get("/debts/" + id).then().body("data.creditor_id", nullValue());
    }

    /** Moves a debt's creation time {@code seconds} back in the database, as if it had been created that much earlier. */
    private void createdEarlier(String debtId, int seconds) throws java.sql.SQLException {
        javax.sql.DataSource dataSource = server.getApplicationContext().getBean(javax.sql.DataSource.class);
        try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             java.sql.PreparedStatement read = c.prepareStatement("SELECT created_at FROM debts WHERE id = ?");
             java.sql.PreparedStatement write = c.prepareStatement("UPDATE debts SET created_at = ? WHERE id = ?")) {
            read.setString(1, debtId);
            java.sql.Timestamp createdAt;
            try (java.sql.ResultSet row = read.executeQuery()) {
                assertTrue(row.next(), "debt " + debtId + " is stored");
                createdAt = row.getTimestamp(1);
            }
            write.setTimestamp(1, java.sql.Timestamp.from(createdAt.toInstant().minusSeconds(seconds)));
            write.setString(2, debtId);
            assertEquals(1, write.executeUpdate());
        }
    }
}
