package io.getbill.server.resources.webhooks;

import io.getbill.server.testsupport.ResourceTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.WebhookReceiver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zero-setup default (H2 in MySQL mode) runs the same SQL: claims, delivery, logs, statistics and the
 * retention job.
 */
@MicronautTest(transactional = false)
class WebhookDeliveryH2Test extends ResourceTest {

    @Inject
    WebhookEndpoints endpoints;
    @Inject
    WebhookTestData data;
    @Inject
    WebhookLogRetention retention;

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("getbill.webhooks.allow-private-addresses", "true");
        p.put("getbill.webhooks.worker.poll-interval", "50ms");
        p.put("getbill.webhooks.retry.initial-delay", "100ms");
        p.put("getbill.webhooks.retry.max-delay", "200ms");
        return p;
    }

    @Test
    void deliveryWhenOnH2ThenSignedRetriedAndLogged() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(n -> WebhookReceiver.Answer.status(n == 1 ? 500 : 200));
            var endpoint = endpoints.register(data.companyId(TestClients.ACME),
                    new WebhookEndpoints.Registration(receiver.url(), List.of("debt.created"), null, true), Instant.now());
            String debtId = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
            var got = receiver.await(r -> true, 2, Duration.ofSeconds(20));
            assertEquals(2, got.size());
            assertEquals(debtId, JsonPath.from(got.get(1).bodyText()).getString("data.id"));
            assertEquals(WebhookSignature.sign(endpoint.secret(), got.get(1).body()), got.get(1).header("X-GetBill-Signature"));
            data.awaitNoPendingDeliveries(endpoint.endpoint().id(), Duration.ofSeconds(20));
            acme.get("/webhooks/logs").then().statusCode(200).body("data", hasSize(2));
            acme.get("/webhooks/statistics").then().statusCode(200)
                    .body("data.total", equalTo(2))
                    .body("data.success_rate", equalTo(0.5f))
                    .body("data.by_event_type.find { it.event_type == 'debt.created' }.failure", equalTo(1));
        }
    }

    @Test
    void retentionWhenLogsOlderThanTheRetentionThenDeletedAndRecentOnesKept() {
        String beta = data.companyId(TestClients.BETA);
        data.insertAttempt(beta, "debt.created", "success", 10, Instant.now().minus(Duration.ofDays(31)));
        data.insertAttempt(beta, "debt.created", "success", 10, Instant.now().minus(Duration.ofDays(1)));
        WebhookLogRetention.Result result = retention.run(Instant.now());
        assertTrue(result.ran());
        assertEquals(1, result.attempts());
        assertEquals(1, data.count("SELECT COUNT(*) FROM webhook_attempts WHERE company_id = ?", beta));
        assertEquals(false, retention.run(Instant.now()).ran(), "one run per period, whatever the instance");
    }
}
