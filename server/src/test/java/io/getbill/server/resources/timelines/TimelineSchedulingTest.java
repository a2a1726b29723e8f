package io.getbill.server.resources.timelines;

import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A debt's timeline over HTTP against a real MariaDB: its steps become followups in status {@code scheduled} on the
 * days the timeline allows (Europe/Paris, 09:00), another company's timeline is a 400, and closing the debt or
 * replacing its timeline cancels the pending steps. The executor is off here (see {@code TimelineExecutionTest}).
 *
 * <p>The calendars are built around today so that the expected days are forced whatever day the test runs: with
 * T = today in Paris, T+1 and T+2 are holidays and the weekdays of T+3 and T+4 are excluded, so a step at offset 1
 * can only land on T+5.
 */
@MicronautTest(transactional = false)
class TimelineSchedulingTest extends ResourceTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    ApplicationContext context;

    private TimelineFixtures fixtures;
    private String acmeId;
    private String betaId;
    private LocalDate today;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("getbill.timelines.executor-enabled", "false");
        return p;
    }

    @BeforeAll
    void companies() {
        fixtures = new TimelineFixtures(context);
        acmeId = acme.get("/company/profile").then().statusCode(200).extract().path("data.id");
        betaId = beta.get("/company/profile").then().statusCode(200).extract().path("data.id");
    }

    /** Holidays T+1, T+2; weekdays of T+3 and T+4 excluded. */
    private String forcedTimeline(String companyId, String name, StartMode mode, Object... steps) {
        today = LocalDate.now(PARIS);
        return fixtures.create(companyId, name, mode,
                Set.of(today.plusDays(3).getDayOfWeek(), today.plusDays(4).getDayOfWeek()),
                List.of(today.plusDays(1), today.plusDays(2)), steps);
    }

    private static Instant nineInParis(LocalDate day) {
        return day.atTime(9, 0).atZone(PARIS).toInstant();
    }

    private List<Map<String, Object>> followupsOf(String debtId) {
        return acme.get("/followups/debt/" + debtId + "?limit=100").then().statusCode(200).extract().jsonPath().getList("data");
    }

    private static List<Map<String, Object>> withStatus(List<Map<String, Object>> followups, String status) {
        return followups.stream().filter(f -> status.equals(f.get("status"))).toList();
    }

    private static List<Map<String, Object>> byScheduledAt(List<Map<String, Object>> followups) {
        return followups.stream().sorted(java.util.Comparator.comparing(f -> (String) f.get("scheduled_at"))).toList();
    }

    private static LocalDate parisDay(Map<String, Object> followup) {
        return Instant.parse((String) followup.get("scheduled_at")).atZone(PARIS).toLocalDate();
    }

    @Test
    void debtWithImmediateTimelineThenStepsScheduledSkippingHolidaysAndExcludedWeekdays() {
        String timeline = forcedTimeline(acmeId, "immediate-forced", StartMode.IMMEDIATE, "email", 0, "sms", 1, "call", 6);
        Instant before = Instant.now();
        JsonPath created = acme.post("/debts", debt("timeline_id", timeline)).then().log().ifValidationFails()
                .statusCode(201)
                .body("data.timeline_id", equalTo(timeline))
                .body("data.last_timeline_restart", notNullValue())
                .body("data.followups_count", equalTo(3))
                .body("data.nb_reminders", equalTo(0))
                .extract().jsonPath();
        List<Map<String, Object>> steps = byScheduledAt(followupsOf(created.getString("data.id")));
        assertEquals(3, steps.size());
        steps.forEach(f -> {
            assertEquals("scheduled", f.get("status"));
            assertEquals(timeline, f.get("timeline_id"));
            assertTrue(((String) f.get("scheduled_at")).endsWith("Z"), "UTC with Z");
        });
        assertEquals(List.of("email", "sms", "call"), steps.stream().map(f -> f.get("type")).toList());
        // offset 0: today at 09:00 in Paris, or at once when 09:00 has passed
        Instant first = Instant.parse((String) steps.get(0).get("scheduled_at"));
        Instant nine = nineInParis(today);
        if (before.isBefore(nine)) {
            assertEquals(nine, first);
        } else {
            assertEquals(today, parisDay(steps.get(0)));
            assertTrue(!first.isAfter(Instant.now()) && !first.isBefore(before.minusSeconds(1)), "due at once: " + first);
        }
        // offset 1: T+1, T+2 holidays, T+3 and T+4 excluded weekdays -> T+5
        assertEquals(nineInParis(today.plusDays(5)), Instant.parse((String) steps.get(1).get("scheduled_at")));
        // offset 6: T+6 is allowed (its weekday is neither T+3's nor T+4's)
        assertEquals(nineInParis(today.plusDays(6)), Instant.parse((String) steps.get(2).get("scheduled_at")));
        assertEquals("Step 2 of immediate-forced", steps.get(1).get("notes"));
    }

    @Test
    void debtWithNextDayStartThenFirstStepOnTheNextAllowedDay() {
        String timeline = forcedTimeline(acmeId, "next-day-by-debt", StartMode.IMMEDIATE, "call", 0, "email", 1);
        String id = acme.post("/debts", debt("timeline_id", timeline, "timeline_start_mode", "next_day"))
                .then().statusCode(201).extract().path("data.id");
        List<Map<String, Object>> steps = byScheduledAt(followupsOf(id));
        assertEquals(nineInParis(today.plusDays(5)), Instant.parse((String) steps.get(0).get("scheduled_at")));
        assertEquals(nineInParis(today.plusDays(6)), Instant.parse((String) steps.get(1).get("scheduled_at")));
    }

    @Test
    void timelineWithNextDayModeAndNoModeOnTheDebtThenTheTimelinesModeApplies() {
        String timeline = forcedTimeline(acmeId, "next-day-by-timeline", StartMode.NEXT_DAY, "sms", 0);
        String id = acme.post("/debts", debt("timeline_id", timeline)).then().statusCode(201).extract().path("data.id");
        assertEquals(nineInParis(today.plusDays(5)), Instant.parse((String) followupsOf(id).get(0).get("scheduled_at")));
    }

    @Test
    void timelineOfAnotherCompanyUnknownOrInactiveThenBadRequestOnTimelineIdAndNothingCreated() {
        String betas = forcedTimeline(betaId, "beta-only", StartMode.IMMEDIATE, "call", 0);
        String inactive = forcedTimeline(acmeId, "inactive", StartMode.IMMEDIATE, "call", 0);
        fixtures.deactivate(acmeId, inactive);
        int before = acme.get("/debts?limit=1").then().extract().path("pagination.total");
        for (String id : List.of(betas, "tl-does-not-exist", inactive)) {
            acme.post("/debts", debt("timeline_id", id, "internal_id", "cross-" + id)).then().statusCode(400)
                    .body("error", equalTo(true))
                    .body("details.timeline_id", notNullValue());
        }
        acme.get("/debts?limit=1").then().body("pagination.total", equalTo(before));
        // a batch item with another company's timeline fails alone
        acme.post("/debts/batch", map("debts", List.of(debt("internal_id", "batch-cross", "timeline_id", betas),
                        debt("internal_id", "batch-ok", "phone", "0611111111"))))
                .then().statusCode(200)
                .body("data.failed[0].index", equalTo(0))
                .body("data.failed[0].errors.timeline_id", notNullValue())
                .body("data.created[0].index", equalTo(1));
        // and on update
        String debt = acme.post("/debts", debt("phone", "0622222222")).then().statusCode(201).extract().path("data.id");
        acme.put("/debts/" + debt, map("timeline_id", betas, "amount", -1)).then().statusCode(400)
                .body("details.timeline_id", notNullValue())
                .body("details.amount", notNullValue());
        acme.get("/debts/" + debt).then().body("data", not(hasKey("timeline_id"))).body("data.followups_count", equalTo(0));
    }

    @Test
    void startModeWithoutTimelineThenBadRequestOnTimelineStartMode() {
        acme.post("/debts", debt("timeline_start_mode", "next_day")).then().statusCode(400)
                .body("details.timeline_start_mode", notNullValue());
    }

    @Test
    void debtPaidThenPendingStepsCancelledWithReasonAndOtherFollowupsLeftAlone() {
        String timeline = forcedTimeline(acmeId, "to-be-paid", StartMode.NEXT_DAY, "call", 0, "email", 1);
        String debt = acme.post("/debts", debt("timeline_id", timeline, "phone", "0633333333")).then().statusCode(201)
                .extract().path("data.id");
        String manual = acme.post("/followups", map("debt_id", debt, "type", "call", "status", "scheduled",
                "scheduled_at", "2030-01-01T10:00:00Z")).then().statusCode(201).extract().path("data.id");
        acme.put("/debts/" + debt, map("status", "paid")).then().statusCode(200)
                .body("data.status", equalTo("paid"))
                .body("data.followups_count", equalTo(3));
        List<Map<String, Object>> all = followupsOf(debt);
        List<Map<String, Object>> cancelled = withStatus(all, "cancelled");
        assertEquals(2, cancelled.size());
        cancelled.forEach(f -> assertEquals("debt_paid", f.get("status_reason")));
        acme.get("/followups/" + manual).then().body("data.status", equalTo("scheduled")).body("data", not(hasKey("status_reason")));
        // a closed debt gets no new steps
        String other = forcedTimeline(acmeId, "after-paid", StartMode.IMMEDIATE, "sms", 0);
        acme.put("/debts/" + debt, map("timeline_id", other)).then().statusCode(200).body("data.timeline_id", equalTo(other));
        assertEquals(0, withStatus(followupsOf(debt), "scheduled").stream().filter(f -> f.get("timeline_id") != null).count());
    }

    @Test
    void debtArchivedThenPendingStepsCancelledWithReason() {
        String timeline = forcedTimeline(acmeId, "to-be-archived", StartMode.NEXT_DAY, "sms", 0);
        String debt = acme.post("/debts", debt("timeline_id", timeline, "phone", "0644444444")).then().statusCode(201)
                .extract().path("data.id");
        acme.put("/debts/" + debt, map("status", "archived")).then().statusCode(200);
        List<Map<String, Object>> all = followupsOf(debt);
        assertEquals(1, all.size());
        assertEquals("cancelled", all.get(0).get("status"));
        assertEquals("debt_archived", all.get(0).get("status_reason"));
    }

    @Test
    void differentTimelineThenPendingStepsReplacedAndSameTimelineIsANoOp() {
        String first = forcedTimeline(acmeId, "first", StartMode.NEXT_DAY, "call", 0, "sms", 1);
        String second = forcedTimeline(acmeId, "second", StartMode.NEXT_DAY, "email", 0);
        String debt = acme.post("/debts", debt("timeline_id", first, "phone", "0655555555")).then().statusCode(201)
                .extract().path("data.id");
        String restart = acme.get("/debts/" + debt).then().extract().path("data.last_timeline_restart");
        acme.put("/debts/" + debt, map("timeline_id", first, "summary", "same timeline")).then().statusCode(200)
                .body("data.followups_count", equalTo(2))
                .body("data.last_timeline_restart", equalTo(restart));
        assertEquals(2, withStatus(followupsOf(debt), "scheduled").size());
        acme.put("/debts/" + debt, map("timeline_id", second)).then().statusCode(200)
                .body("data.timeline_id", equalTo(second))
                .body("data.followups_count", equalTo(3));
        List<Map<String, Object>> all = followupsOf(debt);
        List<Map<String, Object>> cancelled = withStatus(all, "cancelled");
        assertEquals(2, cancelled.size());
        cancelled.forEach(f -> {
            assertEquals("timeline_replaced", f.get("status_reason"));
            assertEquals(first, f.get("timeline_id"));
        });
        List<Map<String, Object>> scheduled = withStatus(all, "scheduled");
        assertEquals(1, scheduled.size());
        assertEquals(second, scheduled.get(0).get("timeline_id"));
        assertEquals("email", scheduled.get(0).get("type"));
    }
}
