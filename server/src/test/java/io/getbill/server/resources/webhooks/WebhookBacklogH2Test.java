package io.getbill.server.resources.webhooks;

import io.getbill.server.testsupport.ResourceTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.WebhookReceiver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backlog larger than the worker's slots is worked at the pace the slots free up. The poll interval is only the
 * sleep of an idle worker: a worker whose slots were all busy claims again as soon as one frees (it once slept a
 * whole interval after each such wait, which capped delivery at about {@code concurrency} per interval, whatever
 * the receiver's speed, and left a backlog undelivered long after an instance was lost).
 */
@MicronautTest(transactional = false)
class WebhookBacklogH2Test extends ResourceTest {

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(3);
    private static final int EVENTS = 12;

    @Inject
    WebhookEndpoints endpoints;
    @Inject
    WebhookTestData data;
    @Inject
    WebhookDeliveryWorker worker;

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("getbill.webhooks.allow-private-addresses", "true");
        p.put("getbill.webhooks.worker.enabled", "false"); // started by the test, once the backlog is there
        p.put("getbill.webhooks.worker.concurrency", "2");
        p.put("getbill.webhooks.worker.poll-interval", POLL_INTERVAL.toMillis() + "ms");
        return p;
    }

    @Test
    void backlogWhenEverySlotIsBusyThenNextClaimWithoutWaitingAPollInterval() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(n -> WebhookReceiver.Answer.status(204));
            endpoints.register(data.companyId(TestClients.ACME),
                    new WebhookEndpoints.Registration(receiver.url(), List.of("debt.created"), null, true), Instant.now());
            for (int i = 0; i < EVENTS; i++) {
                acme.post("/debts", debt("internal_id", "backlog-" + i)).then().statusCode(201);
            }
            worker.start();
            List<WebhookReceiver.Received> got = receiver.await(r -> true, EVENTS, Duration.ofSeconds(60));
            assertEquals(EVENTS, got.size());
            Set<String> eventIds = new HashSet<>();
            got.forEach(r -> eventIds.add(r.header("X-GetBill-Event-Id")));
            assertEquals(EVENTS, eventIds.size(), "one delivery per event");
            // Six rounds of two slots: at one claim round per poll interval this took at least 5 intervals (15 s).
            Duration firstToLast = Duration.between(got.get(0).at(), got.get(EVENTS - 1).at());
            assertTrue(firstToLast.compareTo(POLL_INTERVAL.multipliedBy(2)) < 0,
                    "first to last delivery " + firstToLast.toMillis() + " ms, poll interval " + POLL_INTERVAL.toMillis() + " ms");
        }
    }
}
