package io.getbill.server.resources.followups;

import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static io.getbill.server.testsupport.ApiCalls.V1;
import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Followups and the debt counters they drive, against a real MariaDB. */
@MicronautTest(transactional = false)
class FollowupsTest extends ResourceTest {

    private String newDebt() {
        return acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
    }

    private String followup(String debtId, Object... fields) {
        return acme.post("/followups", map(fields).isEmpty() ? map("debt_id", debtId, "type", "call")
                        : io.getbill.server.testsupport.ApiCalls.with(map("debt_id", debtId, "type", "call"), fields))
                .then().log().ifValidationFails().statusCode(201).extract().path("data.id");
    }

    @Test
    void createWithDefaultsThenOnHoldWithAllFlagsAndCounters() {
        String debt = newDebt();
        acme.post("/followups", map("debt_id", debt, "type", "manual_call", "call_date", "2024-01-16T14:00:00Z",
                        "phone_number_used", "0612345678", "duration_ms", 185000, "direction", "outbound",
                        "audio_url", "https://media.example/a.mp3"))
                .then().log().ifValidationFails().statusCode(201)
                .body("message", equalTo("Followup created successfully"))
                .body("data.status", equalTo("on_hold"))
                .body("data.type", equalTo("manual_call"))
                .body("data.phone_number_used", equalTo("+33612345678"))
                .body("data.is_retry", equalTo(false))
                .body("data.email_open_count", equalTo(0))
                .body("data.media_urls_expire_at", notNullValue())
                .body("data.call_date", equalTo("2024-01-16T14:00:00Z"));
        acme.get("/debts/" + debt).then().body("data.followups_count", equalTo(1))
                .body("data.nb_reminders", equalTo(0)).body("data.nb_answered", equalTo(0));
    }

    @Test
    void countersFollowStatusesOnCreateAndUpdate() {
        String debt = newDebt();
        followup(debt, "status", "sent");
        String answered = followup(debt, "status", "deal_found");
        String scheduled = followup(debt, "status", "scheduled");
        acme.get("/debts/" + debt).then().body("data.followups_count", equalTo(3))
                .body("data.nb_reminders", equalTo(2)).body("data.nb_answered", equalTo(1));
        acme.put("/followups/" + scheduled, map("status", "no_answer")).then().statusCode(200);
        acme.put("/followups/" + answered, map("status", "cancelled")).then().statusCode(200);
        acme.get("/debts/" + debt).then().body("data.followups_count", equalTo(3))
                .body("data.nb_reminders", equalTo(2)).body("data.nb_answered", equalTo(0));
    }

    @Test
    void createWithMissingTypeUnknownDebtOrBadValuesThenBadRequest() {
        String debt = newDebt();
        acme.post("/followups", map("debt_id", debt)).then().statusCode(400).body("details.type", notNullValue());
        acme.post("/followups", map("debt_id", "missing", "type", "call")).then().statusCode(400).body("details.debt_id", notNullValue());
        acme.post("/followups", map("debt_id", debt, "type", "fax")).then().statusCode(400).body("details.type", notNullValue());
        acme.post("/followups", map("debt_id", debt, "type", "call", "duration_ms", -1, "phone_number_used", "12",
                "call_date", "yesterday")).then().statusCode(400);
        acme.post("/followups", map("debt_id", debt, "type", "call", "duration_ms", -1, "phone_number_used", "12"))
                .then().statusCode(400).body("details.duration_ms", notNullValue()).body("details.phone_number_used", notNullValue());
    }

    @Test
    void updateIsPartialCannotMoveTheDebtAndHonoursIfMatch() {
        String debt = newDebt();
        String id = followup(debt, "notes", "first", "summary", "keep");
        String etag = acme.get("/followups/" + id).then().statusCode(200).extract().header("ETag");
        acme.json(map("notes", "second")).header("If-Match", etag).put(V1 + "/followups/" + id).then().statusCode(200)
                .body("message", equalTo("Followup updated successfully"))
                .body("data.notes", equalTo("second")).body("data.summary", equalTo("keep"));
        acme.json(map("notes", "third")).header("If-Match", etag).put(V1 + "/followups/" + id).then().statusCode(412);
        acme.put("/followups/" + id, map("debt_id", newDebt())).then().statusCode(400).body("details.debt_id", notNullValue());
        acme.put("/followups/" + id, "{}").then().statusCode(400);
    }

    @Test
    void listFiltersByStatusTypeDateAndDebtNewestFirst() {
        String debt = newDebt();
        String a = followup(debt, "type", "sms", "status", "sent", "scheduled_at", "2024-05-01T08:00:00Z");
        String b = followup(debt, "type", "sms", "status", "sent", "call_date", "2024-05-03T23:59:59Z", "scheduled_at", "2024-04-01T00:00:00Z");
        followup(debt, "type", "email", "status", "sent", "scheduled_at", "2024-05-02T00:00:00Z");
        followup(newDebt(), "type", "sms", "status", "sent", "scheduled_at", "2024-05-02T00:00:00Z");
        acme.request().queryParam("debt_id", debt).queryParam("type", "sms").queryParam("status", "sent")
                .queryParam("date_from", "2024-05-01").queryParam("date_to", "2024-05-03")
                .get(V1 + "/followups").then().log().ifValidationFails().statusCode(200)
                .body("data.id", containsInAnyOrder(a, b)).body("pagination.total", equalTo(2));
        acme.request().queryParam("date_from", "2024-05-02").queryParam("date_to", "2024-05-02").queryParam("debt_id", debt)
                .get(V1 + "/followups").then().body("pagination.total", equalTo(1));
        acme.request().queryParam("date_from", "2024-05-03").queryParam("date_to", "2024-05-01").get(V1 + "/followups")
                .then().statusCode(400).body("details.date_to", notNullValue());
        acme.request().queryParam("type", "sms").get(V1 + "/followups/debt/" + debt).then().statusCode(200)
                .body("pagination.total", equalTo(2));
        acme.get("/followups/debt/missing").then().statusCode(404);
        acme.request().queryParam("debt_id", "missing").get(V1 + "/followups").then().statusCode(200).body("pagination.total", equalTo(0));
    }

    @Test
    void deletingADebtDeletesItsFollowups() {
        String debt = newDebt();
        String id = followup(debt);
        acme.delete("/debts/" + debt).then().statusCode(200);
        acme.get("/followups/" + id).then().statusCode(404);
    }
}
