package io.getbill.server.resources.webhooks;

import io.getbill.server.testsupport.ResourceTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.WebhookReceiver;
import io.getbill.server.testsupport.WebhookReceiver.Answer;
import io.getbill.server.testsupport.WebhookReceiver.Received;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook delivery end to end on a real MariaDB with a real local HTTP receiver: a change through the API records
 * its event in the outbox, the worker fans it out and POSTs the stored envelope, signed with the endpoint's secret;
 * failures are retried with back-off (shortened here) until the receiver accepts or the horizon passes; every
 * attempt is in the company's logs and statistics.
 */
@MicronautTest(transactional = false)
class WebhookDeliveryMariaDbTest extends ResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    WebhookEndpoints endpoints;
    @Inject
    WebhookTestData data;
    @Inject
    io.getbill.server.resources.debts.DebtService debts;
    @Inject
    io.getbill.server.infrastructure.persistence.WriteTransactions writes;

    private WebhookReceiver receiver;
    private String acmeId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("getbill.webhooks.allow-private-addresses", "true");
        p.put("getbill.webhooks.worker.poll-interval", "50ms");
        p.put("getbill.webhooks.worker.lease", "5s");
        p.put("getbill.webhooks.timeout", "2s");
        p.put("getbill.webhooks.retry.initial-delay", "200ms");
        p.put("getbill.webhooks.retry.max-delay", "400ms");
        p.put("getbill.webhooks.retry.horizon", "3s");
        return p;
    }

    @BeforeAll
    void receiver() {
        receiver = WebhookReceiver.start();
        acmeId = data.companyId(TestClients.ACME);
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    private WebhookEndpoints.WithSecret register(String url, String... types) {
        return endpoints.register(acmeId, new WebhookEndpoints.Registration(url, List.of(types), "test", true),
                java.time.Instant.now());
    }

    private static Set<String> allTypes() {
        return Set.of("debt.created", "debt.updated", "debt.status_changed", "debt.deleted", "followup.created",
                "followup.updated", "report.generated");
    }

    private static boolean about(Received r, String resourceId) {
        return resourceId.equals(JsonPath.from(r.bodyText()).getString("data.id"));
    }

    @Test
    void deliveryWhenDebtCreatedThenSignedEnvelopeArrives() {
        var endpoint = register(receiver.url() + "/signed", "debt.created");
        String debtId = acme.post("/debts", debt("internal_id", "WH-SIGNED")).then().statusCode(201).extract().path("data.id");

        List<Received> got = receiver.await(r -> r.header(":path").endsWith("/signed") && about(r, debtId), 1, WAIT);
        assertEquals(1, got.size());
        Received r = got.get(0);
        assertEquals("POST", r.header(":method"));
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(WebhookSignature.sign(endpoint.secret(), r.body()), r.header("X-GetBill-Signature"));
        assertTrue(r.header("X-GetBill-Signature").matches("[0-9a-f]{64}"));
        assertFalse(WebhookSignature.sign(endpoint.secret() + "x", r.body()).equals(r.header("X-GetBill-Signature")));
        JsonPath envelope = JsonPath.from(r.bodyText());
        assertTrue(envelope.getString("id").startsWith("evt_"));
        assertEquals(envelope.getString("id"), r.header("X-GetBill-Event-Id"));
        assertEquals("debt.created", envelope.getString("type"));
        assertEquals("debt.created", r.header("X-GetBill-Event"));
        assertEquals("1", r.header("X-GetBill-Attempt"));
        assertEquals(acmeId, envelope.getString("company_id"));
        assertTrue(envelope.getString("created_at").endsWith("Z"));
        assertEquals("WH-SIGNED", envelope.getString("data.internal_id"));
        assertEquals("pending", envelope.getString("data.status"));
        assertNull(envelope.get("changes"));

        data.awaitDeliveryStatus(envelope.getString("id"), endpoint.endpoint().id(), "delivered", WAIT);
        acme.get("/webhooks/logs?event_type=debt.created&endpoint_id=" + endpoint.endpoint().id())
                .then().statusCode(200)
                .body("data.event_id", hasItem(envelope.getString("id")))
                .body("data.find { it.event_id == '" + envelope.getString("id") + "' }.outcome", equalTo("success"))
                .body("data.find { it.event_id == '" + envelope.getString("id") + "' }.status_code", equalTo(200))
                .body("data.find { it.event_id == '" + envelope.getString("id") + "' }.attempt", equalTo(1))
                .body("data.find { it.event_id == '" + envelope.getString("id") + "' }.endpoint_url", startsWith(receiver.url()));
    }

    @Test
    void eventsWhenDebtAndFollowupChangeThenEachTypeEmittedExactlyByItsChange() {
        var endpoint = register(receiver.url() + "/all", allTypes().toArray(String[]::new));
        String debtId = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
        acme.put("/debts/" + debtId, map("amount", 99.5)).then().statusCode(200);
        acme.put("/debts/" + debtId, map("amount", 99.5)).then().statusCode(200); // no change: no event
        acme.put("/debts/" + debtId, map("status", "paid")).then().statusCode(200);
        String followupId = acme.post("/followups", map("debt_id", debtId, "type", "call")).then().statusCode(201)
                .extract().path("data.id");
        acme.put("/followups/" + followupId, map("summary", "Promised to pay")).then().statusCode(200);
        acme.delete("/debts/" + debtId).then().statusCode(200);

        // 1 created + 2 updated + 1 status_changed + 1 deleted about the debt; 1 created + 1 updated about the followup
        List<Received> aboutDebt = receiver.await(r -> r.header(":path").endsWith("/all") && about(r, debtId), 5, WAIT);
        List<Received> aboutFollowup = receiver.await(r -> r.header(":path").endsWith("/all") && about(r, followupId), 2, WAIT);
        data.awaitNoPendingDeliveries(endpoint.endpoint().id(), WAIT);
        aboutDebt = receiver.await(r -> r.header(":path").endsWith("/all") && about(r, debtId), 5, Duration.ZERO);
        assertEquals(List.of("debt.created", "debt.updated", "debt.updated", "debt.status_changed", "debt.deleted"),
                aboutDebt.stream().map(r -> JsonPath.from(r.bodyText()).getString("type")).sorted(
                        java.util.Comparator.comparingInt(t -> List.of("debt.created", "debt.updated",
                                "debt.status_changed", "debt.deleted").indexOf(t))).toList());
        assertEquals(List.of("followup.created", "followup.updated"),
                aboutFollowup.stream().map(r -> JsonPath.from(r.bodyText()).getString("type")).sorted().toList());

        JsonPath amountChange = aboutDebt.stream().map(r -> JsonPath.from(r.bodyText()))
                .filter(j -> j.getString("type").equals("debt.updated") && j.get("changes.amount") != null)
                .findFirst().orElseThrow();
        assertEquals(1250.0f, amountChange.getFloat("changes.amount.from"));
        assertEquals(99.5f, amountChange.getFloat("changes.amount.to"));
        assertNull(amountChange.get("changes.updated_at"));
        JsonPath statusChange = aboutDebt.stream().map(r -> JsonPath.from(r.bodyText()))
                .filter(j -> j.getString("type").equals("debt.status_changed")).findFirst().orElseThrow();
        assertEquals(Map.of("status", Map.of("from", "pending", "to", "paid")), statusChange.getMap("changes"));
        assertEquals("paid", statusChange.getString("data.status"));
        JsonPath deleted = aboutDebt.stream().map(r -> JsonPath.from(r.bodyText()))
                .filter(j -> j.getString("type").equals("debt.deleted")).findFirst().orElseThrow();
        assertEquals("paid", deleted.getString("data.status"));
        JsonPath followupUpdated = aboutFollowup.stream().map(r -> JsonPath.from(r.bodyText()))
                .filter(j -> j.getString("type").equals("followup.updated")).findFirst().orElseThrow();
        assertEquals("Promised to pay", followupUpdated.getString("changes.summary.to"));
        assertNull(followupUpdated.get("changes.summary.from"));
    }

    @Test
    void eventsWhenBatchCreatesDebtsThenOneDebtCreatedPerCreatedItem() {
        var endpoint = register(receiver.url() + "/batch", "debt.created");
        List<String> ids = acme.post("/debts/batch", map("debts", List.of(
                        debt("internal_id", "WH-B1"), debt("internal_id", "WH-B2"),
                        debt("internal_id", "WH-B3", "phone", "12"))))
                .then().statusCode(200).extract().path("data.created.debt_id");
        assertEquals(2, ids.size());
        data.awaitNoPendingDeliveries(endpoint.endpoint().id(), WAIT);
        List<Received> got = receiver.await(r -> r.header(":path").endsWith("/batch"), 2, WAIT);
        assertEquals(Set.copyOf(ids), got.stream().map(r -> JsonPath.from(r.bodyText()).getString("data.id"))
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(2, got.size());
    }

    @Test
    void deliveryWhenReceiverFailsThenRetriedWithBackoffUntilAccepted() {
        try (WebhookReceiver flaky = WebhookReceiver.start()) {
            flaky.answer(n -> n <= 2 ? Answer.status(503) : Answer.status(204));
            var endpoint = register(flaky.url(), "debt.created");
            String debtId = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");

            List<Received> got = flaky.await(r -> about(r, debtId), 3, WAIT);
            assertEquals(3, got.size());
            assertEquals(List.of("1", "2", "3"), got.stream().map(r -> r.header("X-GetBill-Attempt")).toList());
            assertEquals(1, got.stream().map(Received::bodyText).distinct().count(), "every attempt sends the same bytes");
            assertEquals(1, got.stream().map(r -> r.header("X-GetBill-Signature")).distinct().count());
            // back-off: 200 ms then 400 ms, each with at most 20 % jitter off
            long first = Duration.between(got.get(0).at(), got.get(1).at()).toMillis();
            long second = Duration.between(got.get(1).at(), got.get(2).at()).toMillis();
            assertTrue(first >= 150 && second >= 300, "gaps " + first + " ms, " + second + " ms");

            String eventId = JsonPath.from(got.get(0).bodyText()).getString("id");
            data.awaitDeliveryStatus(eventId, endpoint.endpoint().id(), "delivered", WAIT);
            acme.get("/webhooks/logs?endpoint_id=" + endpoint.endpoint().id()).then().statusCode(200)
                    .body("data", hasSize(3))
                    .body("data.attempt", containsInAnyOrder(1, 2, 3))
                    .body("data.find { it.attempt == 1 }.outcome", equalTo("failure"))
                    .body("data.find { it.attempt == 2 }.status_code", equalTo(503))
                    .body("data.find { it.attempt == 3 }.outcome", equalTo("success"))
                    .body("data.find { it.attempt == 3 }.status_code", equalTo(204))
                    .body("data.event_id", everyItem(equalTo(eventId)));
            acme.get("/webhooks/logs?outcome=failure&endpoint_id=" + endpoint.endpoint().id()).then().statusCode(200)
                    .body("data", hasSize(2))
                    .body("data[0].error", startsWith("Endpoint answered 503"));
        }
    }

    @Test
    void deliveryWhenReceiverKeepsFailingThenGivenUpAfterTheRetryHorizon() throws InterruptedException {
        try (WebhookReceiver down = WebhookReceiver.start()) {
            down.answer(n -> Answer.status(500));
            var endpoint = register(down.url(), "debt.created");
            String debtId = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
            String eventId = data.eventIdOf("debt.created", debtId);

            data.awaitDeliveryStatus(eventId, endpoint.endpoint().id(), "failed", WAIT);
            int attempts = down.received().size();
            assertTrue(attempts >= 4, "retried until the horizon (3 s at 200-400 ms): " + attempts);
            Thread.sleep(1_000);
            assertEquals(attempts, down.received().size(), "no attempt after giving up");
            acme.get("/webhooks/logs?endpoint_id=" + endpoint.endpoint().id()).then().statusCode(200)
                    .body("data", hasSize(attempts))
                    .body("data.outcome", everyItem(equalTo("failure")));
        }
    }

    @Test
    void deliveryWhenReceiverTooSlowThenTimeoutLoggedWithoutStatus() {
        try (WebhookReceiver slow = WebhookReceiver.start()) {
            slow.answer(n -> n == 1 ? new Answer(200, Duration.ofSeconds(4)) : Answer.status(200));
            var endpoint = register(slow.url(), "debt.created");
            String debtId = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
            String eventId = data.eventIdOf("debt.created", debtId);
            data.awaitDeliveryStatus(eventId, endpoint.endpoint().id(), "delivered", WAIT);
            acme.get("/webhooks/logs?endpoint_id=" + endpoint.endpoint().id()).then().log().ifValidationFails().statusCode(200)
                    .body("data", hasSize(2))
                    .body("data.find { it.attempt == 1 }.outcome", equalTo("failure"))
                    .body("data.find { it.attempt == 1 }.status_code", equalTo(null))
                    .body("data.find { it.attempt == 1 }.error", startsWith("Timed out"))
                    .body("data.find { it.attempt == 1 }.latency_ms", greaterThanOrEqualTo(2000))
                    .body("data.find { it.attempt == 2 }.outcome", equalTo("success"));
        }
    }

    @Test
    void endpointWhenDisabledThenReceivesNothing() {
        try (WebhookReceiver quiet = WebhookReceiver.start()) {
            var endpoint = register(quiet.url(), "debt.created");
            endpoints.update(acmeId, endpoint.endpoint().id(), new WebhookEndpoints.Changes(null, null, null, false),
                    java.time.Instant.now());
            var watcher = register(receiver.url() + "/watch", "debt.created");
            String debtId = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
            receiver.await(r -> r.header(":path").endsWith("/watch") && about(r, debtId), 1, WAIT);
            data.awaitNoPendingDeliveries(watcher.endpoint().id(), WAIT);
            assertEquals(0, quiet.received().size());
        }
    }

    @Test
    void logsWhenFilteredByDateThenOnlyThatRange() {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        acme.get("/webhooks/logs?date_from=" + tomorrow).then().statusCode(200)
                .body("data", hasSize(0)).body("pagination.total", equalTo(0));
        acme.get("/webhooks/logs?date_from=" + tomorrow + "&date_to=" + today).then().statusCode(400)
                .body("error", equalTo(true))
                .body("details.date_to", hasSize(1));
        acme.get("/webhooks/logs?event_type=debt.nope").then().statusCode(400).body("details.event_type", hasSize(1));
        acme.get("/webhooks/logs?limit=101").then().statusCode(400).body("details.limit", hasSize(1));
    }

    @Test
    void statisticsWhenAttemptsLoggedThenCountsRateAndNearestRankPercentilesFromSql() {
        String betaId = data.companyId(TestClients.BETA);
        // 100 attempts at 1..100 ms on one day in the past: 80 successes on debt.created, 20 failures on debt.deleted
        for (int ms = 1; ms <= 100; ms++) {
            data.insertAttempt(betaId, ms <= 80 ? "debt.created" : "debt.deleted", ms <= 80 ? "success" : "failure",
                    ms, java.time.Instant.parse("2024-03-10T12:00:00Z"));
        }
        data.insertAttempt(betaId, "debt.created", "success", 5000, java.time.Instant.parse("2024-04-01T12:00:00Z"));

        beta.get("/webhooks/statistics?date_from=2024-03-01&date_to=2024-03-31").then().statusCode(200)
                .body("data.date_from", equalTo("2024-03-01"))
                .body("data.total", equalTo(100))
                .body("data.by_outcome.success", equalTo(80))
                .body("data.by_outcome.failure", equalTo(20))
                .body("data.success_rate", equalTo(0.8f))
                .body("data.latency_ms.p50", equalTo(50))
                .body("data.latency_ms.p95", equalTo(95))
                .body("data.latency_ms.p99", equalTo(99))
                .body("data.by_event_type", hasSize(7))
                .body("data.by_event_type.find { it.event_type == 'debt.created' }.success", equalTo(80))
                .body("data.by_event_type.find { it.event_type == 'debt.deleted' }.failure", equalTo(20))
                .body("data.by_event_type.find { it.event_type == 'report.generated' }.total", equalTo(0));
        beta.get("/webhooks/statistics?date_from=2025-01-01&date_to=2025-01-31").then().statusCode(200)
                .body("data.total", equalTo(0))
                .body("data.success_rate", equalTo(null))
                .body("data.latency_ms.p50", equalTo(null));
        beta.get("/webhooks/statistics?date_from=2024-03-02&date_to=2024-03-01").then().statusCode(400)
                .body("details.date_to", hasSize(1));
        beta.get("/webhooks/logs?date_from=2024-04-01&date_to=2024-04-01").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].latency_ms", equalTo(5000));
        beta.get("/webhooks/logs?date_from=2024-03-10&date_to=2024-03-10&limit=10&page=2").then().statusCode(200)
                .body("data", hasSize(10)).body("pagination.total", equalTo(100)).body("pagination.pages", equalTo(10));
    }

    @Test
    void logsWhenAnotherCompanyAsksThenInvisibleAnd404() {
        var endpoint = register(receiver.url() + "/iso", "debt.created");
        acme.post("/debts", debt()).then().statusCode(201);
        data.awaitNoPendingDeliveries(endpoint.endpoint().id(), WAIT);
        String logId = acme.get("/webhooks/logs?endpoint_id=" + endpoint.endpoint().id()).then().statusCode(200)
                .extract().path("data[0].id");
        acme.get("/webhooks/logs/" + logId).then().statusCode(200).body("data.id", equalTo(logId))
                .body("data.endpoint_id", equalTo(endpoint.endpoint().id()));
        beta.get("/webhooks/logs/" + logId).then().statusCode(404).body("error", equalTo(true));
        beta.get("/webhooks/logs/doesNotExist").then().statusCode(404);
        beta.get("/webhooks/logs?endpoint_id=" + endpoint.endpoint().id()).then().statusCode(200)
                .body("data", hasSize(0));
        beta.get("/webhooks/logs?limit=100").then().statusCode(200).body("data.id", not(hasItem(logId)));
    }

    @Test
    void logsWhenTokenLacksWebhooksReadThen403() {
        reader.get("/webhooks/logs").then().statusCode(403)
                .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("insufficient_scope"));
        reader.get("/webhooks/statistics").then().statusCode(403);
        reader.get("/webhooks/logs/abc").then().statusCode(403);
        io.getbill.server.testsupport.Tokens.at(base()).get("/external-api/v1/webhooks/logs").then().statusCode(401);
    }

    @Test
    void eventWhenTransactionRollsBackThenNotRecordedNorDelivered() {
        var endpoint = register(receiver.url() + "/rollback", "debt.deleted");
        String debtId = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
        try {
            writes.run(() -> {
                debts.delete(acmeId, debtId, java.time.Instant.now());
                throw new IllegalStateException("rolled back after the delete");
            });
        } catch (IllegalStateException expected) {
            // the delete and its event are gone together
        }
        acme.get("/debts/" + debtId).then().statusCode(200);
        assertNull(data.eventIdOf("debt.deleted", debtId));

        acme.delete("/debts/" + debtId).then().statusCode(200);
        List<Received> got = receiver.await(r -> r.header(":path").endsWith("/rollback") && about(r, debtId), 1, WAIT);
        data.awaitNoPendingDeliveries(endpoint.endpoint().id(), WAIT);
        assertEquals(1, receiver.await(r -> r.header(":path").endsWith("/rollback"), 1, Duration.ZERO).size());
        assertEquals("debt.deleted", JsonPath.from(got.get(0).bodyText()).getString("type"));
    }

    @Test
    void signatureWhenSecretRotatedThroughAdminApiThenNextDeliverySignedWithTheNewSecret() {
        var admin = io.getbill.server.testsupport.AdminSessions.login(base(), io.getbill.server.testsupport.AdminSessions.ACME_ADMIN,
                io.getbill.server.testsupport.AdminSessions.ACME_ADMIN_PASSWORD);
        var created = admin.post("/webhooks/endpoints", map("url", receiver.url() + "/rotated",
                "event_types", List.of("debt.created"))).then().statusCode(201).extract();
        String id = created.path("data.id");
        String first = created.path("data.secret");
        String before = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
        Received r1 = receiver.await(r -> r.header(":path").endsWith("/rotated") && about(r, before), 1, WAIT).get(0);
        assertEquals(WebhookSignature.sign(first, r1.body()), r1.header("X-GetBill-Signature"));

        String second = admin.post("/webhooks/endpoints/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("data.secret");
        String after = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
        Received r2 = receiver.await(r -> r.header(":path").endsWith("/rotated") && about(r, after), 1, WAIT).get(0);
        assertEquals(WebhookSignature.sign(second, r2.body()), r2.header("X-GetBill-Signature"));
        assertFalse(WebhookSignature.sign(first, r2.body()).equals(r2.header("X-GetBill-Signature")));
    }
}
