package io.getbill.server.resources.timelines;

import io.getbill.server.testsupport.ResourceTest;
import io.getbill.server.testsupport.SecondInstance;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two server instances on one MariaDB database, each with its executor running every 100 ms, plus two threads per
 * instance calling it as fast as they can: every step is sent exactly once, and the company is charged exactly once
 * per step. The send time is 00:00 so that a step at offset 0 is due at once whatever the hour.
 */
@MicronautTest(transactional = false)
class TimelineConcurrencyTest extends ResourceTest {

    private static final int DEBTS = 20;
    private static final int STEPS_PER_DEBT = 3;

    @Inject
    ApplicationContext context;
    @Inject
    TimelineStepExecutor firstExecutor;

    private Map<String, String> properties;
    private SecondInstance second;

    @Override
    public Map<String, String> getProperties() {
        properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "TimelineConcurrencyTest");
        properties.put("getbill.issuer", "http://getbill.test");
        properties.put("getbill.timelines.send-time", "00:00");
        properties.put("getbill.timelines.executor-interval", "100ms");
        properties.put("getbill.timelines.executor-initial-delay", "0s");
        return properties;
    }

    @BeforeAll
    void startSecondInstance() {
        second = SecondInstance.start(properties);
    }

    @AfterAll
    void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void twoInstancesExecutingTheSameDueStepsThenEachSentOnceAndChargedOnce() throws Exception {
        String acmeId = acme.get("/company/profile").then().statusCode(200).extract().path("data.id");
        String timeline = new TimelineFixtures(context).create(acmeId, "race", StartMode.IMMEDIATE, Set.of(), List.of(),
                "email", 0, "email", 0, "email", 0);
        long before = ((Number) acme.get("/company/credits").then().extract().path("data.current_credits")).longValue();
        TimelineStepExecutor secondExecutor = second.context().getBean(TimelineStepExecutor.class);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<Integer>> racers = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        AtomicBoolean allCreated = new AtomicBoolean();
        for (TimelineStepExecutor executor : List.of(firstExecutor, secondExecutor, firstExecutor, secondExecutor)) {
            Callable<Integer> racer = () -> {
                int sent = 0;
                while (System.currentTimeMillis() < deadline) {
                    boolean created = allCreated.get();
                    TimelineStepExecutor.Pass pass = executor.runOnce(Instant.now());
                    sent += pass.sent();
                    if (created && pass.sent() + pass.failed() + pass.lost() == 0) {
                        break;
                    }
                }
                return sent;
            };
            racers.add(threads.submit(racer));
        }
        List<String> debts = new ArrayList<>();
        for (int i = 0; i < DEBTS; i++) {
            debts.add(acme.post("/debts", debt("timeline_id", timeline, "internal_id", "race-" + i,
                    "email", "race" + i + "@example.com")).then().statusCode(201).extract().path("data.id"));
        }
        allCreated.set(true);
        int sentByRacers = 0;
        for (Future<Integer> racer : racers) {
            sentByRacers += racer.get();
        }
        assertTrue(sentByRacers <= DEBTS * STEPS_PER_DEBT, "no step counted as sent twice: " + sentByRacers);
        threads.shutdown();
        waitUntil(() -> totalSent() == DEBTS * STEPS_PER_DEBT, Duration.ofSeconds(20));

        List<String> followups = new ArrayList<>();
        for (String debt : debts) {
            List<Map<String, Object>> steps = acme.get("/followups/debt/" + debt).then().statusCode(200)
                    .extract().jsonPath().getList("data");
            assertEquals(STEPS_PER_DEBT, steps.size());
            steps.forEach(f -> {
                assertEquals("sent", f.get("status"));
                followups.add((String) f.get("id"));
            });
        }
        for (String id : followups) {
            assertEquals(1, TestChannels.timesSent(id), "followup " + id + " sent once");
        }
        long after = ((Number) acme.get("/company/credits").then().extract().path("data.current_credits")).longValue();
        assertEquals(before - (long) DEBTS * STEPS_PER_DEBT, after, "one credit per email step, charged once");
    }

    private int totalSent() {
        return ((Number) acme.get("/followups?status=sent&type=email&limit=1").then().statusCode(200)
                .extract().path("pagination.total")).intValue();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.currentTimeMillis() + limit.toMillis();
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < end, "timed out");
            Thread.sleep(100);
        }
    }
}
