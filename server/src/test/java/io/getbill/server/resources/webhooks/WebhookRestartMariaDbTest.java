package io.getbill.server.resources.webhooks;

import io.getbill.server.testsupport.ApiCalls;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.WebhookReceiver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server instances on one MariaDB database: a restart loses no event (the backlog lives in the database, and a
 * delivery claimed by an instance that died is retried once its lease ends), and several instances working on one
 * backlog deliver each event once, never the same attempt twice.
 */
class WebhookRestartMariaDbTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static Map<String, Object> properties(Map<String, String> base) {
        Map<String, Object> p = new HashMap<>(base);
        p.put("micronaut.server.port", -1);
        p.put("getbill.issuer", "http://getbill.test");
        p.put("getbill.webhooks.allow-private-addresses", "true");
        p.put("getbill.webhooks.worker.poll-interval", "50ms");
        p.put("getbill.webhooks.worker.lease", "2s");
        p.put("getbill.webhooks.timeout", "2s");
        p.put("getbill.webhooks.retry.initial-delay", "200ms");
        p.put("getbill.webhooks.retry.max-delay", "500ms");
        p.put("getbill.webhooks.retry.horizon", "1h");
        return p;
    }

    private static EmbeddedServer start(Map<String, Object> properties) {
        EmbeddedServer server = ApplicationContext.builder().environments("test").properties(properties)
                .run(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ApiCalls acme(EmbeddedServer server) {
        return ApiCalls.as(server.getURL().toString(), TestClients.FULL_ID, TestClients.FULL_SECRET,
                server.getApplicationContext().getBean(JsonMapper.class));
    }

    private static String register(EmbeddedServer server, String url) {
        var data = server.getApplicationContext().getBean(WebhookTestData.class);
        return server.getApplicationContext().getBean(WebhookEndpoints.class).register(data.companyId(TestClients.ACME),
                new WebhookEndpoints.Registration(url, List.of("debt.created"), "restart", true), Instant.now())
                .endpoint().id();
    }

    @Test
    void deliveryWhenServerStopsWithEventsPendingThenTheNextInstanceDeliversEveryOne() throws Exception {
        Map<String, Object> properties = properties(TestServers.properties(TestServers.Database.MARIADB));
        int port = freePort(); // nothing listens yet: every attempt of the first instance fails to connect
        List<String> debtIds = new ArrayList<>();
        String endpointId;

        EmbeddedServer first = start(properties);
        try {
            endpointId = register(first, "http://127.0.0.1:" + port + "/hooks");
            ApiCalls api = acme(first);
            for (int i = 0; i < 30; i++) {
                debtIds.add(api.post("/debts", debt("internal_id", "RESTART-" + i)).then().statusCode(201)
                        .extract().path("data.id"));
            }
            var data = first.getApplicationContext().getBean(WebhookTestData.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (data.count("SELECT COUNT(*) FROM webhook_attempts WHERE endpoint_id = ?", endpointId) == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(data.count("SELECT COUNT(*) FROM webhook_attempts WHERE endpoint_id = ? AND outcome = 'failure'",
                    endpointId) > 0, "the first instance tried and failed to connect");
            assertEquals(0, data.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'pending'"));
            // As if the instance had crashed in the middle of 5 attempts: their leases outlive it by 2 seconds.
            first.getApplicationContext().getBean(WebhookDeliveryWorker.class).stop();
            assertEquals(5, data.leaseSomeToADeadInstance(5, Duration.ofSeconds(2)));
        } finally {
            long stopping = System.nanoTime();
            first.getApplicationContext().close();
            assertTrue(Duration.ofNanos(System.nanoTime() - stopping).toSeconds() < 15, "the worker stops promptly");
        }

        try (WebhookReceiver receiver = WebhookReceiver.start(port)) {
            EmbeddedServer second = start(properties);
            try {
                var data = second.getApplicationContext().getBean(WebhookTestData.class);
                Set<String> expected = Set.copyOf(debtIds);
                List<WebhookReceiver.Received> got = receiver.await(
                        r -> expected.contains(JsonPath.from(r.bodyText()).getString("data.id")), expected.size(), WAIT);
                Set<String> delivered = got.stream().map(r -> JsonPath.from(r.bodyText()).getString("data.id"))
                        .collect(Collectors.toSet());
                assertEquals(expected, delivered, "every event of the stopped instance is delivered");
                data.awaitNoPendingDeliveries(endpointId, WAIT);
                assertEquals(30, data.count("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ? AND status = 'delivered'", endpointId));
            } finally {
                second.getApplicationContext().close();
            }
        }
    }

    @Test
    void deliveryWhenTwoInstancesShareTheBacklogThenEachEventIsSentOnce() {
        Map<String, Object> properties = properties(TestServers.properties(TestServers.Database.MARIADB));
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            EmbeddedServer one = start(properties);
            EmbeddedServer two = start(properties);
            try {
                String endpointId = register(one, receiver.url());
                ApiCalls api = acme(one);
                var batch = new ArrayList<Map<String, Object>>();
                for (int i = 0; i < 100; i++) {
                    batch.add(debt("internal_id", "SHARED-" + i));
                }
                List<String> ids = api.post("/debts/batch", Map.of("debts", batch)).then().statusCode(200)
                        .extract().path("data.created.debt_id");
                assertEquals(100, ids.size());
                var data = two.getApplicationContext().getBean(WebhookTestData.class);
                data.awaitNoPendingDeliveries(endpointId, WAIT);
                Map<String, Long> perEvent = receiver.received().stream()
                        .collect(Collectors.groupingBy(r -> r.header("X-GetBill-Event-Id"), Collectors.counting()));
                assertEquals(100, perEvent.size());
                assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "no event sent twice: " + perEvent);
                assertEquals(Set.copyOf(ids), receiver.received().stream()
                        .map(r -> JsonPath.from(r.bodyText()).getString("data.id")).collect(Collectors.toSet()));
                assertTrue(receiver.received().stream().map(r -> r.header("X-GetBill-Attempt")).allMatch("1"::equals));
            } finally {
                two.getApplicationContext().close();
                one.getApplicationContext().close();
            }
        }
    }
}
