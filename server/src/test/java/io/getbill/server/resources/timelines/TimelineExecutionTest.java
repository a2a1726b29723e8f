package io.getbill.server.resources.timelines;

import io.getbill.server.testsupport.ApiCalls;
import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The executor of due steps against a real MariaDB: it sends them through the channel's sender, spends the
 * company's credits (reported by {@code /company/credits}), fails a step with the reason when credits, a phone or
 * the channel are missing, and leaves cancelled and future steps alone. The scheduled runs are off: each test
 * drives {@link TimelineStepExecutor#runOnce} with the moment it wants, and drains every due step afterwards so
 * that the next test starts from a quiet database.
 */
@MicronautTest(transactional = false)
class TimelineExecutionTest extends ResourceTest {

    private static final Duration FAR = Duration.ofDays(400);

    @Inject
    ApplicationContext context;
    @Inject
    TimelineStepExecutor executor;
    @Inject
    io.getbill.server.infrastructure.persistence.WriteTransactions writes;
    @Inject
    io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;

    private TimelineFixtures fixtures;
    private String acmeId;
    private String betaId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("spec.name", "TimelineExecutionTest");
        p.put("getbill.timelines.executor-enabled", "false");
        return p;
    }

    @BeforeAll
    void companies() {
        fixtures = new TimelineFixtures(context);
        acmeId = acme.get("/company/profile").then().statusCode(200).extract().path("data.id");
        betaId = beta.get("/company/profile").then().statusCode(200).extract().path("data.id");
    }

    @AfterEach
    void drain() {
        executor.runOnce(Instant.now().plus(FAR));
    }

    private String everyDay(String companyId, String name, Object... steps) {
        return fixtures.create(companyId, name, StartMode.IMMEDIATE, Set.of(), List.of(), steps);
    }

    private static long credits(ApiCalls caller) {
        return ((Number) caller.get("/company/credits").then().statusCode(200).extract().path("data.current_credits")).longValue();
    }

    private static long spent(ApiCalls caller, String channel) {
        return ((Number) caller.get("/company/credits").then().statusCode(200)
                .extract().path("data.spent_this_month.by_channel." + channel)).longValue();
    }

    private List<Map<String, Object>> followupsOf(ApiCalls caller, String debtId) {
        return caller.get("/followups/debt/" + debtId + "?limit=100").then().statusCode(200).extract().jsonPath().getList("data");
    }

    private static Map<String, Object> ofType(List<Map<String, Object>> followups, String type) {
        return followups.stream().filter(f -> type.equals(f.get("type"))).findFirst().orElseThrow();
    }

    @Test
    void dueStepsThenSentThroughTheirChannelAndCreditsSpentWhileLaterStepsWait() {
        String timeline = everyDay(acmeId, "send-and-spend", "sms", 0, "email", 0, "call", 2);
        String debt = acme.post("/debts", debt("timeline_id", timeline, "phone", "0612340001")).then().statusCode(201)
                .extract().path("data.id");
        long balance = credits(acme);
        long smsSpent = spent(acme, "sms");

        TimelineStepExecutor.Pass pass = executor.runOnce(Instant.now().plus(Duration.ofDays(1)));

        assertEquals(2, pass.sent());
        List<Map<String, Object>> steps = followupsOf(acme, debt);
        for (String type : List.of("sms", "email")) {
            Map<String, Object> f = ofType(steps, type);
            assertEquals("sent", f.get("status"), type);
            assertEquals(1, TestChannels.timesSent((String) f.get("id")), type);
            acme.get("/followups/" + f.get("id")).then().body("data.processed_at", notNullValue());
        }
        assertEquals("scheduled", ofType(steps, "call").get("status"));
        assertEquals(balance - 5 - 1, credits(acme));
        assertEquals(smsSpent + 5, spent(acme, "sms"));
        acme.get("/debts/" + debt).then().body("data.nb_reminders", equalTo(2)).body("data.followups_count", equalTo(3));

        executor.runOnce(Instant.now().plus(Duration.ofDays(3)));
        assertEquals("sent", ofType(followupsOf(acme, debt), "call").get("status"));
        assertEquals(balance - 5 - 1 - 25, credits(acme));
        acme.get("/company/credits").then()
                .body("data.spent_this_month.period", equalTo(java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString()));
    }

    @Test
    void callToAnExpensiveDestinationThenChargedAtItsRate() {
        String timeline = everyDay(acmeId, "maghreb-call", "call", 0);
        acme.post("/debts", debt("timeline_id", timeline, "phone", "+212612345678", "accept_expensive_destination", true))
                .then().statusCode(201);
        long balance = credits(acme);
        executor.runOnce(Instant.now().plus(Duration.ofDays(1)));
        assertEquals(balance - 125, credits(acme));
    }

    @Test
    void creditsRunOutThenStepNotSentFailedWithReasonAndBalanceUnchanged() {
        // Beta starts with 50 credits: two calls at 25, the third finds nothing left
        String timeline = everyDay(betaId, "three-calls", "call", 0, "call", 1, "call", 2);
        String debt = beta.post("/debts", debt("timeline_id", timeline, "phone", "0612340002")).then().statusCode(201)
                .extract().path("data.id");
        assertEquals(50, credits(beta));

        executor.runOnce(Instant.now().plus(Duration.ofDays(5)));

        List<Map<String, Object>> steps = followupsOf(beta, debt);
        assertEquals(2, steps.stream().filter(f -> "sent".equals(f.get("status"))).count());
        Map<String, Object> failed = steps.stream().filter(f -> "failed".equals(f.get("status"))).findFirst().orElseThrow();
        assertEquals("insufficient_credits", failed.get("status_reason"));
        assertEquals(0, TestChannels.timesSent((String) failed.get("id")));
        assertEquals(0, credits(beta));
        assertEquals(50, spent(beta, "call"));
        // nothing left: a later step fails the same way and the balance stays at zero
        String more = beta.post("/debts", debt("timeline_id", timeline, "phone", "0612340003")).then().statusCode(201)
                .extract().path("data.id");
        executor.runOnce(Instant.now().plus(Duration.ofDays(5)));
        followupsOf(beta, more).forEach(f -> assertEquals("insufficient_credits", f.get("status_reason")));
        assertEquals(0, credits(beta));
    }

    @Test
    void channelThrowsThenStepFailedWithReasonAndCreditsRefunded() {
        String timeline = everyDay(acmeId, "whatsapp-down", "whatsapp", 0);
        String debt = acme.post("/debts", debt("timeline_id", timeline, "phone", "0612340004")).then().statusCode(201)
                .extract().path("data.id");
        long balance = credits(acme);
        long whatsappSpent = spent(acme, "whatsapp");

        TimelineStepExecutor.Pass pass = executor.runOnce(Instant.now().plus(Duration.ofDays(1)));

        assertEquals(1, pass.failed());
        Map<String, Object> step = followupsOf(acme, debt).get(0);
        assertEquals("failed", step.get("status"));
        assertEquals("channel_error: IOException", step.get("status_reason"));
        assertEquals(1, TestChannels.timesSent((String) step.get("id")));
        assertEquals(balance, credits(acme));
        assertEquals(whatsappSpent, spent(acme, "whatsapp"));
    }

    @Test
    void debtWithoutPhoneThenPhoneStepFailedWithoutSpending() {
        String timeline = everyDay(acmeId, "sms-no-phone", "sms", 0);
        String debt = acme.post("/debts", debt("timeline_id", timeline, "phone", null, "email", "no-phone@example.com"))
                .then().statusCode(201).extract().path("data.id");
        long balance = credits(acme);
        executor.runOnce(Instant.now().plus(Duration.ofDays(1)));
        Map<String, Object> step = followupsOf(acme, debt).get(0);
        assertEquals("failed", step.get("status"));
        assertEquals("no_phone", step.get("status_reason"));
        assertEquals(balance, credits(acme));
    }

    @Test
    void cancelledStepsThenNeverSent() {
        String timeline = everyDay(acmeId, "cancelled-before-due", "sms", 1);
        String debt = acme.post("/debts", debt("timeline_id", timeline, "phone", "0612340005")).then().statusCode(201)
                .extract().path("data.id");
        acme.put("/debts/" + debt, map("status", "paid")).then().statusCode(200);
        long balance = credits(acme);
        executor.runOnce(Instant.now().plus(FAR));
        Map<String, Object> step = followupsOf(acme, debt).get(0);
        assertEquals("cancelled", step.get("status"));
        assertEquals(0, TestChannels.timesSent((String) step.get("id")));
        assertEquals(balance, credits(acme));
    }

    @Test
    void stepLeftInProgressByADeadInstanceThenFailedAsInterruptedNotResent() {
        String timeline = everyDay(acmeId, "interrupted", "sms", 1);
        String debt = acme.post("/debts", debt("timeline_id", timeline, "phone", "0612340006")).then().statusCode(201)
                .extract().path("data.id");
        String step = (String) followupsOf(acme, debt).get(0).get("id");
        // what a crash between claim and finish leaves behind: in_progress, claimed long ago
        writes.run(() -> jdbc.prepareStatement("UPDATE followups SET status = 'in_progress', updated_at = ? WHERE id = ?", ps -> {
            ps.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
            ps.setString(2, step);
            return ps.executeUpdate();
        }));
        TimelineStepExecutor.Pass pass = executor.runOnce(Instant.now().plus(FAR));
        assertEquals(1, pass.interrupted());
        acme.get("/followups/" + step).then().body("data.status", equalTo("failed"))
                .body("data.status_reason", equalTo("interrupted"));
        assertEquals(0, TestChannels.timesSent(step));
    }

    @Test
    void batchOfDebtsWithATimelineThenEveryStepSentOnceAndChargedOnce() {
        String timeline = everyDay(acmeId, "batch-emails", "email", 0);
        int n = 200;
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(debt("internal_id", "batch-tl-" + i, "phone", null, "email", "batch-tl-" + i + "@example.com",
                    "timeline_id", timeline));
        }
        acme.post("/debts/batch", map("debts", items)).then().statusCode(200).body("data.summary.created", equalTo(n));
        long balance = credits(acme);
        long start = System.nanoTime();
        int sent = 0;
        for (TimelineStepExecutor.Pass pass = executor.runOnce(Instant.now().plus(Duration.ofDays(1))); pass.sent() > 0;
             pass = executor.runOnce(Instant.now().plus(Duration.ofDays(1)))) {
            sent += pass.sent();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Timeline executor (%s, Java %s): %d steps in %.2f s = %.0f steps/s on one instance%n",
                database(), Runtime.version().feature(), sent, seconds, sent / seconds);
        assertEquals(n, sent);
        assertEquals(balance - n, credits(acme));
    }
}
