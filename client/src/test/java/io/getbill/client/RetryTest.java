package io.getbill.client;

import io.getbill.client.StubServer.Reply;
import io.getbill.client.errors.RateLimitedException;
import io.getbill.client.errors.ServiceUnavailableException;
import io.getbill.client.invoker.ApiException;
import io.getbill.client.model.DebtCreateRequest;
import io.getbill.client.model.DebtUpdateRequest;
import io.getbill.client.retry.IdempotencyKeyGenerator;
import io.getbill.client.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryTest {
    private static final String DEBT_PATH = "/external-api/v1/debts/abc123def456";
    private static final String DEBTS_PATH = "/external-api/v1/debts";
    private static final Reply UNAVAILABLE = Reply.json(503, Fixtures.error(503, "Service unavailable"));
    private static final Reply RATE_LIMITED = Reply.json(429, "{\"error\":true,\"message\":\"Rate limit exceeded. Please try "
            + "again later.\",\"code\":429,\"request_id\":\"req-429\",\"details\":{\"retry_after\":1,\"limit\":1000,"
            + "\"reset_time\":\"2024-01-15T10:30:00Z\"}}");

    private StubServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = StubServer.start();
        server.tokenEndpoint(3600, false);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static DebtCreateRequest newDebt() {
        return new DebtCreateRequest().firstname("John").lastname("Doe").email("john.doe@example.com")
                .amount(new BigDecimal("1250.00")).currency("EUR");
    }

    private static StubServer.Responder failFirst(int failures, Reply failure, Reply success) {
        return (request, n) -> n <= failures ? failure : success;
    }

    @Test
    void whenAGetAnswers503ThenItIsSentAgainAndSucceeds() throws Exception {
        server.on("GET", DEBT_PATH, failFirst(2, UNAVAILABLE, Reply.json(200, Fixtures.DEBT_RESPONSE)));

        assertEquals("abc123def456", Fixtures.client(server).build().debts().getDebt("abc123def456").getData().getId());

        assertEquals(3, server.count(DEBT_PATH));
    }

    @Test
    void whenAGetKeepsAnswering503ThenServiceUnavailableExceptionAfterMaxAttempts() throws Exception {
        server.on("GET", DEBT_PATH, UNAVAILABLE.withHeader("Retry-After", "0"));

        ServiceUnavailableException e = assertThrows(ServiceUnavailableException.class,
                () -> Fixtures.client(server).build().debts().getDebt("abc123def456"));

        assertEquals(Optional.of(Duration.ZERO), e.retryAfter());
        assertEquals(Fixtures.FAST_RETRIES.maxAttempts(), server.count(DEBT_PATH));
    }

    @Test
    void whenAGetTimesOutThenItIsSentAgainAndSucceeds() throws Exception {
        server.on("GET", DEBT_PATH, failFirst(1, Reply.json(200, Fixtures.DEBT_RESPONSE).delayedBy(2500),
                Reply.json(200, Fixtures.DEBT_RESPONSE)));
        GetBillClient client = Fixtures.client(server).requestTimeout(Duration.ofMillis(800)).build();

        assertEquals("abc123def456", client.debts().getDebt("abc123def456").getData().getId());

        assertEquals(2, server.count(DEBT_PATH));
    }

    @Test
    void whenTheServerCannotBeReachedThenAGetFailsAfterMaxAttemptsWithTheConnectionFailureAsCause() throws Exception {
        GetBillClient client = GetBillClient.builder()
                .baseUrl("http://127.0.0.1:9")
                .tokenEndpoint(server.baseUrl().resolve("/token"))
                .clientId(Fixtures.CLIENT_ID).clientSecret(Fixtures.CLIENT_SECRET)
                .retryPolicy(Fixtures.FAST_RETRIES)
                .build();

        ApiException e = assertThrows(ApiException.class, () -> client.debts().getDebt("abc123def456"));

        assertEquals(0, e.getCode());
        assertInstanceOf(java.net.ConnectException.class, e.getCause());
    }

    @Test
    void whenAPostWithoutIdempotencyKeyAnswers503ThenItIsNotSentAgain() throws Exception {
        server.on("POST", DEBTS_PATH, UNAVAILABLE);

        assertThrows(ServiceUnavailableException.class, () -> Fixtures.client(server).build().debts().createDebt(newDebt(), null));

        assertEquals(1, server.count(DEBTS_PATH));
        assertNull(server.requests(DEBTS_PATH).get(0).header("Idempotency-Key"));
    }

    @Test
    void whenAPostWithoutIdempotencyKeyTimesOutThenItIsNotSentAgain() throws Exception {
        server.on("POST", DEBTS_PATH, Reply.json(201, Fixtures.DEBT_RESPONSE).delayedBy(2500));
        GetBillClient client = Fixtures.client(server).requestTimeout(Duration.ofMillis(800)).build();

        ApiException e = assertThrows(ApiException.class, () -> client.debts().createDebt(newDebt(), null));

        assertInstanceOf(HttpTimeoutException.class, e.getCause());
        assertEquals(1, server.count(DEBTS_PATH));
    }

    @Test
    void whenAPostWithIdempotencyKeyAnswers503ThenItIsSentAgainWithTheSameKey() throws Exception {
        server.on("POST", DEBTS_PATH, failFirst(1, UNAVAILABLE, Reply.json(201, Fixtures.DEBT_RESPONSE)));
        GetBillClient client = Fixtures.client(server).build();
        String key = client.idempotencyKey();

        client.debts().createDebt(newDebt(), key);

        List<StubServer.Received> posts = server.requests(DEBTS_PATH);
        assertEquals(2, posts.size());
        assertEquals(key, posts.get(0).header("Idempotency-Key"));
        assertEquals(key, posts.get(1).header("Idempotency-Key"));
    }

    @Test
    void whenAutomaticIdempotencyKeysAreOnThenEveryPostCarriesOneAndIsSentAgainWithIt() throws Exception {
        server.on("POST", DEBTS_PATH, failFirst(1, UNAVAILABLE, Reply.json(201, Fixtures.DEBT_RESPONSE)));
        AtomicInteger keys = new AtomicInteger();
        GetBillClient client = Fixtures.client(server)
                .idempotencyKeys(() -> "key-" + keys.incrementAndGet()).build();

        client.debts().createDebt(newDebt(), null);
        client.debts().createDebt(newDebt(), null);

        List<String> sent = server.requests(DEBTS_PATH).stream().map(r -> r.header("Idempotency-Key")).toList();
        assertEquals(List.of("key-1", "key-1", "key-2"), sent);
    }

    @Test
    void whenAPutOrDeleteAnswers503ThenItIsSentAgain() throws Exception {
        server.on("PUT", DEBT_PATH, failFirst(1, UNAVAILABLE, Reply.json(200, Fixtures.DEBT_RESPONSE)));
        server.on("DELETE", DEBT_PATH, failFirst(1, UNAVAILABLE,
                Reply.json(200, "{\"error\":false,\"message\":\"Debt deleted successfully\"}")));
        GetBillClient client = Fixtures.client(server).build();

        client.debts().updateDebt("abc123def456", new DebtUpdateRequest().summary("Customer disputed the charge"), null);
        client.debts().deleteDebt("abc123def456");

        assertEquals(4, server.count(DEBT_PATH));
    }

    @Test
    void whenA429CarriesRetryAfterThenTheClientWaitsThatLongAndSendsAgain() throws Exception {
        server.on("GET", DEBT_PATH, failFirst(1, RATE_LIMITED.withHeader("Retry-After", "1"),
                Reply.json(200, Fixtures.DEBT_RESPONSE)));
        GetBillClient client = Fixtures.client(server).build();

        long started = System.nanoTime();
        client.debts().getDebt("abc123def456");
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(2, server.count(DEBT_PATH));
        assertTrue(waitedMillis >= 1000, "waited " + waitedMillis + " ms");
    }

    @Test
    void whenA429HasNoRetryAfterHeaderThenTheBodysRetryAfterIsHonoured() throws Exception {
        server.on("GET", DEBT_PATH, failFirst(1, RATE_LIMITED, Reply.json(200, Fixtures.DEBT_RESPONSE)));

        long started = System.nanoTime();
        Fixtures.client(server).build().debts().getDebt("abc123def456");

        assertEquals(2, server.count(DEBT_PATH));
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 1000);
    }

    @Test
    void whenA429AsksForLongerThanMaxRetryAfterThenRateLimitedExceptionIsThrownAtOnce() throws Exception {
        server.on("GET", DEBT_PATH, RATE_LIMITED.withHeader("Retry-After", "1800"));

        long started = System.nanoTime();
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> Fixtures.client(server).build().debts().getDebt("abc123def456"));

        assertTrue((System.nanoTime() - started) / 1_000_000 < 1000, "did not wait");
        assertEquals(1, server.count(DEBT_PATH));
        assertEquals(Optional.of(Duration.ofSeconds(1800)), e.retryAfter());
    }

    @Test
    void whenEvery429IsWaitedOutThenRateLimitedExceptionAfterMaxAttempts() throws Exception {
        server.on("GET", DEBT_PATH, RATE_LIMITED.withHeader("Retry-After", "0"));

        assertThrows(RateLimitedException.class, () -> Fixtures.client(server).build().debts().getDebt("abc123def456"));

        assertEquals(Fixtures.FAST_RETRIES.maxAttempts(), server.count(DEBT_PATH));
    }

    @Test
    void whenAPostWithoutIdempotencyKeyAnswers429ThenItIsSentAgainBecauseTheServerDidNotActOnIt() throws Exception {
        server.on("POST", DEBTS_PATH, failFirst(1, RATE_LIMITED.withHeader("Retry-After", "0"),
                Reply.json(201, Fixtures.DEBT_RESPONSE)));

        Fixtures.client(server).build().debts().createDebt(newDebt(), null);

        assertEquals(2, server.count(DEBTS_PATH));
    }

    @Test
    void whenRetriesAreDisabledThenA503GetIsNotSentAgain() throws Exception {
        server.on("GET", DEBT_PATH, UNAVAILABLE);

        assertThrows(ServiceUnavailableException.class, () -> Fixtures.client(server).retryPolicy(RetryPolicy.none())
                .build().debts().getDebt("abc123def456"));

        assertEquals(1, server.count(DEBT_PATH));
    }

    @Test
    void backoffGrowsExponentiallyWithinItsBounds() {
        RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(400)).build();

        for (int i = 0; i < 50; i++) {
            assertBetween(50, 100, policy.backoff(1).toMillis());
            assertBetween(100, 200, policy.backoff(2).toMillis());
            assertBetween(200, 400, policy.backoff(3).toMillis());
            assertBetween(200, 400, policy.backoff(10).toMillis());
        }
        assertNotNull(IdempotencyKeyGenerator.uuid().newKey());
    }

    private static void assertBetween(long low, long high, long value) {
        assertTrue(value >= low && value <= high, value + " not in [" + low + ", " + high + "]");
    }
}
