package io.getbill.server.resources.debtors;

import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static io.getbill.server.testsupport.ApiCalls.V1;
import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Debtors and creditors: linking from debts, per-currency totals after every debt change, list, get, update. */
@MicronautTest(transactional = false)
class DebtorsAndCreditorsTest extends ResourceTest {

    private String create(Object... overrides) {
        return acme.post("/debts", debt(overrides)).then().log().ifValidationFails().statusCode(201).extract().path("data.id");
    }

    private String debtorOf(String debtId) {
        return acme.get("/debts/" + debtId).path("data.debtor_id");
    }

    @Test
    void debtsJoinTheDebtorWithTheSamePhoneThenTheSameEmailCaseInsensitive() {
        String first = create("phone", "0640000001", "email", "Jean.Link@Example.com", "firstname", "Jean", "lastname", "Link");
        String samePhone = create("phone", "+33 6 40 00 00 01", "email", "other@example.com");
        String sameEmail = create("phone", "0640000002", "email", "jean.link@example.com");
        String emailOnly = create("phone", null, "email", "JEAN.LINK@EXAMPLE.COM");
        String stranger = create("phone", "0640000003", "email", "stranger@example.com");
        String debtor = debtorOf(first);
        assertEquals(debtor, debtorOf(samePhone));
        assertEquals(debtor, debtorOf(sameEmail));
        assertEquals(debtor, debtorOf(emailOnly));
        assertNotEquals(debtor, debtorOf(stranger));
        acme.get("/debtors/" + debtor).then().statusCode(200)
                .body("data.firstName", equalTo("Jean")).body("data.lastName", equalTo("Link"))
                .body("data.phone", equalTo("+33640000001")).body("data.debtsCount", equalTo(4));
    }

    @Test
    void debtorTotalsArePerCurrencyAndFollowEveryDebtChange() {
        String eur = create("phone", "0650000001", "amount", 100, "currency", "EUR");
        String debtor = debtorOf(eur);
        String usd = create("phone", "0650000001", "amount", 50.25, "currency", "USD");
        create("phone", "0650000001", "amount", 20, "currency", "EUR");
        acme.get("/debtors/" + debtor).then().statusCode(200)
                .body("data.debtsCount", equalTo(3))
                .body("data.totalDebtAmount.currency", contains("EUR", "USD"))
                .body("data.totalDebtAmount.amount", contains(120.00f, 50.25f))
                .body("data.totalPaidAmount", empty());
        acme.put("/debts/" + eur, map("status", "paid")).then().statusCode(200);
        acme.put("/debts/" + usd, map("amount", 70, "currency", "GBP")).then().statusCode(200);
        acme.get("/debtors/" + debtor).then()
                .body("data.totalDebtAmount.currency", contains("EUR", "GBP"))
                .body("data.totalDebtAmount.amount", contains(120.00f, 70.00f))
                .body("data.totalPaidAmount.currency", contains("EUR"))
                .body("data.totalPaidAmount.amount", contains(100.00f));
        acme.delete("/debts/" + eur).then().statusCode(200);
        acme.get("/debtors/" + debtor).then().body("data.debtsCount", equalTo(2))
                .body("data.totalDebtAmount.amount", contains(20.00f, 70.00f))
                .body("data.totalPaidAmount", empty());
    }

    @Test
    void debtsWithACompanyJoinTheCreditorOfThatNameWithTotals() {
        String a = create("company", "Durand Matériaux", "amount", 10, "currency", "EUR");
        String b = create("company", "  durand matériaux ", "amount", 5, "currency", "EUR");
        String creditor = acme.get("/debts/" + a).path("data.creditor_id");
        assertEquals(creditor, acme.get("/debts/" + b).path("data.creditor_id"));
        acme.get("/creditors/" + creditor).then().statusCode(200).header("ETag", notNullValue())
                .body("data.name", equalTo("Durand Matériaux")).body("data.totalDebts", equalTo(2))
                .body("data.totalAmount[0].amount", equalTo(15.00f));
        acme.put("/debts/" + b, map("company", "Other Creditor")).then().statusCode(200);
        acme.get("/creditors/" + creditor).then().body("data.totalDebts", equalTo(1));
        acme.get("/creditors").then().statusCode(200).body("data.name", org.hamcrest.Matchers.hasItems("Other Creditor", "Durand Matériaux"));
    }

    @Test
    void debtorUpdateIsPartialWithEtagAndRules() {
        String debtor = debtorOf(create("phone", "0660000001", "email", "upd@example.com"));
        String etag = acme.get("/debtors/" + debtor).then().statusCode(200).extract().header("ETag");
        acme.json(map("address", "8 avenue de la République, 75011 Paris", "phone", "0660000009")).header("If-Match", etag)
                .put(V1 + "/debtors/" + debtor).then().log().ifValidationFails().statusCode(200)
                .body("message", equalTo("Debtor updated successfully"))
                .body("data.address", equalTo("8 avenue de la République, 75011 Paris"))
                .body("data.phone", equalTo("+33660000009"))
                .body("data.email", equalTo("upd@example.com"));
        acme.json(map("address", "x")).header("If-Match", etag).put(V1 + "/debtors/" + debtor).then().statusCode(412);
        acme.put("/debtors/" + debtor, "{\"dateOfBirth\":\"15/03/1985\"}").then().statusCode(400).body("details.dateOfBirth", notNullValue());
        acme.put("/debtors/" + debtor, map("email", "nope")).then().statusCode(400).body("details.email", notNullValue());
        acme.put("/debtors/" + debtor, "{}").then().statusCode(400);
        acme.put("/debtors/" + debtor, "{\"address\":null}").then().statusCode(400).body("details.address", notNullValue());
    }

    @Test
    void debtorUpdateToAnotherDebtorsPhoneOrEmailThenConflict() {
        String one = debtorOf(create("phone", "0670000001", "email", "one@example.com"));
        debtorOf(create("phone", "0670000002", "email", "two@example.com"));
        acme.put("/debtors/" + one, map("phone", "+33670000002")).then().statusCode(409).body("code", equalTo(409));
        acme.put("/debtors/" + one, map("email", "TWO@example.com")).then().statusCode(409);
        acme.put("/debtors/" + one, map("email", "ONE@example.com")).then().statusCode(200);
    }

    @Test
    void creditorUpdateRenamesAndRefusesAnotherCreditorsName() {
        String c1 = acme.get("/debts/" + create("company", "Rename Me")).path("data.creditor_id");
        acme.get("/debts/" + create("company", "Taken Name")).path("data.creditor_id");
        acme.put("/creditors/" + c1, map("name", "taken name")).then().statusCode(409).body("details.name", notNullValue());
        acme.put("/creditors/" + c1, map("name", "Renamed", "email", "billing@renamed.example", "country", "France"))
                .then().statusCode(200).body("message", equalTo("Creditor updated successfully"))
                .body("data.name", equalTo("Renamed")).body("data.country", equalTo("France"));
        acme.put("/creditors/" + c1, map("email", "bad")).then().statusCode(400).body("details.email", notNullValue());
        acme.put("/creditors/" + c1, map("registrationNumber", 5)).then().statusCode(400).body("details.registrationNumber", notNullValue());
    }

    @Test
    void debtorListIsMostRecentlySeenFirstWithPaging() {
        acme.request().queryParam("limit", 1).get(V1 + "/debtors").then().statusCode(200)
                .body("data.size()", equalTo(1)).body("pagination.limit", equalTo(1));
        acme.request().queryParam("limit", 200).get(V1 + "/debtors").then().statusCode(400).body("details.limit", notNullValue());
        acme.request().queryParam("page", 0).get(V1 + "/creditors").then().statusCode(400).body("details.page", notNullValue());
    }
}
