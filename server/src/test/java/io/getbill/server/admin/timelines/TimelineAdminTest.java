package io.getbill.server.admin.timelines;

import io.getbill.server.testsupport.AdminSessions;
import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * {@code /admin-api/v1/timelines} over real HTTP against MariaDB: an admin's session manages the company's
 * timelines (every field checked at once, 409 on a duplicate name or a delete with pending steps), a member gets
 * 403, so does a missing CSRF token, a request without a session gets 401, and another company's timeline is a 404.
 */
@MicronautTest(transactional = false)
class TimelineAdminTest extends ResourceTest {

    private AdminSessions.Session admin;
    private AdminSessions.Session member;
    private AdminSessions.Session betaAdmin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("getbill.timelines.executor-enabled", "false");
        return p;
    }

    @BeforeAll
    void sessions() {
        admin = AdminSessions.login(base(), AdminSessions.ACME_ADMIN, AdminSessions.ACME_ADMIN_PASSWORD);
        member = AdminSessions.login(base(), AdminSessions.ACME_MEMBER, AdminSessions.ACME_MEMBER_PASSWORD);
        betaAdmin = AdminSessions.login(base(), AdminSessions.BETA_ADMIN, AdminSessions.BETA_ADMIN_PASSWORD);
    }

    private static Map<String, Object> timeline(String name, Object... overrides) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("start_mode", "next_day");
        body.put("steps", List.of(map("channel", "email", "day_offset", 0, "message", "Your invoice is overdue"),
                map("channel", "sms", "day_offset", 3), map("channel", "call", "day_offset", 7)));
        body.put("excluded_weekdays", List.of("sunday", "saturday"));
        body.put("public_holidays", List.of("2030-05-08", "2030-05-01"));
        return io.getbill.server.testsupport.ApiCalls.with(body, overrides);
    }

    private String create(Map<String, Object> body) {
        return admin.post("/timelines", body).then().log().ifValidationFails().statusCode(201).extract().path("data.id");
    }

    @Test
    void createThenGetListUpdateAndDeleteAsTheCompanysAdmin() {
        String id = admin.post("/timelines", timeline("Standard")).then().log().ifValidationFails().statusCode(201)
                .header("X-Request-Id", notNullValue())
                .body("error", equalTo(false))
                .body("data.name", equalTo("Standard"))
                .body("data.start_mode", equalTo("next_day"))
                .body("data.steps.channel", contains("email", "sms", "call"))
                .body("data.steps.day_offset", contains(0, 3, 7))
                .body("data.steps[0].message", equalTo("Your invoice is overdue"))
                .body("data.excluded_weekdays", contains("saturday", "sunday"))
                .body("data.public_holidays", contains("2030-05-01", "2030-05-08"))
                .body("data.active", equalTo(true))
                .extract().path("data.id");
        admin.get("/timelines/" + id).then().statusCode(200).body("data.id", equalTo(id));
        admin.get("/timelines").then().statusCode(200).body("data.id", hasItem(id));
        admin.put("/timelines/" + id, map("active", false, "steps", List.of(map("channel", "whatsapp", "day_offset", 1))))
                .then().statusCode(200)
                .body("data.active", equalTo(false))
                .body("data.name", equalTo("Standard"))
                .body("data.start_mode", equalTo("next_day"))
                .body("data.steps.channel", contains("whatsapp"));
        admin.delete("/timelines/" + id).then().statusCode(200).body("error", equalTo(false));
        admin.get("/timelines/" + id).then().statusCode(404).body("error", equalTo(true));
    }

    @Test
    void createBreakingEveryRuleThenOneBadRequestNamingEachField() {
        // schema violations and the rules the schema cannot express, in one answer
        admin.post("/timelines", map("name", " ",
                        "steps", List.of(map("channel", "sms", "day_offset", 5),
                                map("channel", "sms", "day_offset", 2, "message", " "),
                                map("channel", "call", "day_offset", -1)),
                        "excluded_weekdays", List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")))
                .then().log().ifValidationFails().statusCode(400)
                .body("error", equalTo(true))
                .body("details.keySet()", org.hamcrest.Matchers.hasItems("name", "steps[1].day_offset", "steps[1].message",
                        "steps[2].day_offset", "excluded_weekdays"));
        // values that cannot be read at all are named on their own
        admin.post("/timelines", timeline("Bad mode", "start_mode", "someday")).then().statusCode(400)
                .body("details.start_mode", notNullValue());
        admin.post("/timelines", timeline("Bad channel", "steps", List.of(map("channel", "fax", "day_offset", 0))))
                .then().statusCode(400).body("error", equalTo(true)).body("details", notNullValue());
        admin.post("/timelines", timeline("Bad date", "public_holidays", List.of("2030-02-30"))).then().statusCode(400)
                .body("error", equalTo(true)).body("details", notNullValue());
        admin.post("/timelines", map("name", "No steps", "steps", List.of())).then().statusCode(400).body("details.steps", notNullValue());
        admin.post("/timelines", map("steps", List.of(map("channel", "sms", "day_offset", 0)))).then().statusCode(400)
                .body("details.name", notNullValue());
        admin.post("/timelines", "{\"name\":null,\"steps\":[]}").then().statusCode(400).body("details.name", notNullValue());
        admin.put("/timelines/" + create(timeline("Partial")), map()).then().statusCode(400);
    }

    @Test
    void duplicateNameThenConflict() {
        create(timeline("Unique name"));
        admin.post("/timelines", timeline("Unique name")).then().statusCode(409).body("details.name", notNullValue());
        String other = create(timeline("Other name"));
        admin.put("/timelines/" + other, map("name", "Unique name")).then().statusCode(409);
    }

    @Test
    void memberNoSessionOrNoCsrfThenRefused() {
        member.get("/timelines").then().statusCode(403);
        member.post("/timelines", timeline("By member")).then().statusCode(403);
        io.getbill.server.testsupport.Tokens.at(base()).get(AdminSessions.V1 + "/timelines").then().statusCode(401);
        admin.withCookie().contentType("application/json").body(AdminSessions.json(timeline("No CSRF")))
                .post(AdminSessions.V1 + "/timelines").then().statusCode(403);
        admin.get("/timelines").then().statusCode(200).body("data.name", not(hasItem("No CSRF")));
    }

    @Test
    void anotherCompanysTimelineThenNotFoundAndNotListed() {
        String betas = betaAdmin.post("/timelines", timeline("Beta private")).then().statusCode(201).extract().path("data.id");
        admin.get("/timelines/" + betas).then().statusCode(404);
        admin.put("/timelines/" + betas, map("active", false)).then().statusCode(404);
        admin.delete("/timelines/" + betas).then().statusCode(404);
        admin.get("/timelines").then().body("data.id", not(hasItem(betas)));
        betaAdmin.get("/timelines/" + betas).then().statusCode(200).body("data.active", equalTo(true));
        acme.post("/debts", debt("timeline_id", betas)).then().statusCode(400).body("details.timeline_id", notNullValue());
    }

    @Test
    void timelineWithPendingStepsThenDeleteConflictsUntilTheyAreCancelled() {
        String id = create(timeline("In use"));
        String debt = acme.post("/debts", debt("timeline_id", id)).then().statusCode(201).extract().path("data.id");
        admin.delete("/timelines/" + id).then().statusCode(409).body("error", equalTo(true));
        admin.put("/timelines/" + id, map("active", false)).then().statusCode(200);
        acme.post("/debts", debt("timeline_id", id, "phone", "0699999999")).then().statusCode(400)
                .body("details.timeline_id", notNullValue());
        acme.put("/debts/" + debt, map("status", "archived")).then().statusCode(200);
        admin.delete("/timelines/" + id).then().statusCode(200);
        acme.get("/debts/" + debt).then().body("data.timeline_id", equalTo(id));
    }
}
