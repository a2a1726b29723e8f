package io.getbill.client;

import io.getbill.client.StubServer.Reply;
import io.getbill.client.errors.AuthorizationException;
import io.getbill.client.errors.ConflictException;
import io.getbill.client.errors.GetBillApiException;
import io.getbill.client.errors.NotFoundException;
import io.getbill.client.errors.PreconditionFailedException;
import io.getbill.client.errors.RateLimitedException;
import io.getbill.client.errors.ServiceUnavailableException;
import io.getbill.client.errors.UnprocessableEntityException;
import io.getbill.client.errors.ValidationException;
import io.getbill.client.invoker.ApiException;
import io.getbill.client.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMappingTest {
    private static final String DEBT_PATH = "/external-api/v1/debts/abc123def456";

    private StubServer server;
    private GetBillClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = StubServer.start();
        server.tokenEndpoint(3600, false);
        client = Fixtures.client(server).retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ApiException failingGet(Reply reply) {
        server.on("GET", DEBT_PATH, reply);
        return assertThrows(ApiException.class, () -> client.debts().getDebt("abc123def456"));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, io.getbill.client.errors.ValidationException",
            "401, io.getbill.client.errors.AuthenticationException",
            "403, io.getbill.client.errors.AuthorizationException",
            "404, io.getbill.client.errors.NotFoundException",
            "405, io.getbill.client.errors.GetBillApiException",
            "409, io.getbill.client.errors.ConflictException",
            "412, io.getbill.client.errors.PreconditionFailedException",
            "413, io.getbill.client.errors.GetBillApiException",
            "415, io.getbill.client.errors.GetBillApiException",
            "422, io.getbill.client.errors.UnprocessableEntityException",
            "429, io.getbill.client.errors.RateLimitedException",
            "500, io.getbill.client.errors.GetBillApiException",
            "503, io.getbill.client.errors.ServiceUnavailableException"})
    void eachErrorStatusBecomesItsExceptionTypeWithStatusMessageAndRequestId(int status, String type) {
        ApiException e = failingGet(Reply.json(status, Fixtures.error(status, "Something about " + status)));

        assertEquals(type, e.getClass().getName());
        GetBillApiException typed = (GetBillApiException) e;
        assertEquals(status, typed.getCode());
        assertEquals(status, typed.status());
        assertEquals("Something about " + status, typed.serverMessage());
        assertEquals(Optional.of("req-" + status), typed.requestId());
        assertEquals("getDebt", typed.operationId());
    }

    @Test
    void a400CarriesEveryMessagePerField() {
        ValidationException e = (ValidationException) failingGet(Reply.json(400, "{\"error\":true,\"message\":\"Validation "
                + "failed\",\"code\":400,\"request_id\":\"r1\",\"details\":{\"firstname\":[\"First name is required\"],"
                + "\"amount\":[\"Amount must be greater than 0\",\"At most two decimals\"]}}"));

        assertEquals(Map.of("firstname", List.of("First name is required"),
                "amount", List.of("Amount must be greater than 0", "At most two decimals")), e.fieldErrors());
        assertEquals(List.of("firstname", "amount"), List.copyOf(e.fieldErrors().keySet()));
    }

    @Test
    void a403NamesTheMissingScopeFromTheChallenge() {
        AuthorizationException e = (AuthorizationException) failingGet(
                Reply.json(403, Fixtures.error(403, "Required scope \\\"debts:write\\\" not found in token"))
                        .withHeader("WWW-Authenticate", "Bearer realm=\"getbill\", error=\"insufficient_scope\", scope=\"debts:write\""));

        assertEquals(Optional.of("insufficient_scope"), e.error());
        assertEquals(Optional.of("debts:write"), e.requiredScope());
        assertEquals(List.of("debts:write"), e.requiredScopes());
        assertEquals(1, server.count(DEBT_PATH), "a 403 is never retried");
    }

    @Test
    void a429CarriesRetryAfterLimitAndResetTimeFromTheBody() {
        RateLimitedException e = (RateLimitedException) failingGet(Reply.json(429, "{\"error\":true,\"message\":\"Rate limit "
                + "exceeded. Please try again later.\",\"code\":429,\"request_id\":\"r2\",\"details\":{\"retry_after\":1800,"
                + "\"limit\":1000,\"reset_time\":\"2024-01-15T10:30:00Z\"}}"));

        assertEquals(Optional.of(Duration.ofSeconds(1800)), e.retryAfter());
        assertEquals(Optional.of(1000), e.limit());
        assertEquals(Optional.of(OffsetDateTime.parse("2024-01-15T10:30:00Z")), e.resetTime());
        assertTrue(e.details().isEmpty());
    }

    @Test
    void a429WithoutDetailsTakesItsFiguresFromTheHeaders() {
        RateLimitedException e = (RateLimitedException) failingGet(Reply.json(429, Fixtures.error(429, "Slow down"))
                .withHeader("Retry-After", "120").withHeader("X-RateLimit-Limit", "500")
                .withHeader("X-RateLimit-Reset", "1705318200"));

        assertEquals(Optional.of(Duration.ofSeconds(120)), e.retryAfter());
        assertEquals(Optional.of(500), e.limit());
        assertEquals(Optional.of(OffsetDateTime.parse("2024-01-15T11:30:00Z")), e.resetTime());
    }

    @Test
    void aBodyThatIsNotAnEnvelopeStillGivesTheTypeForItsStatusAndTheHeaderRequestId() {
        NotFoundException e = (NotFoundException) failingGet(
                new Reply(404, Map.of("Content-Type", "text/html", "X-Request-Id", "edge-1"), "<html>Not found</html>", 0));

        assertEquals(Optional.of("edge-1"), e.requestId());
        assertEquals("<html>Not found</html>", e.getResponseBody());
        assertTrue(e.details().isEmpty());
    }

    @Test
    void theMessageNamesOperationStatusServerMessageAndRequestId() {
        ApiException e = failingGet(Reply.json(404, Fixtures.error(404, "Debt not found")));

        assertEquals("getDebt: HTTP 404 Debt not found (request_id req-404)", e.getMessage());
    }

    @Test
    void typedExceptionsAreStillGeneratedApiExceptionsAndConflictAndPreconditionAndUnprocessableAreDistinct() {
        assertSame(ConflictException.class, failingGet(Reply.json(409, Fixtures.error(409, "x"))).getClass());
        assertSame(PreconditionFailedException.class, failingGet(Reply.json(412, Fixtures.error(412, "x"))).getClass());
        UnprocessableEntityException e = (UnprocessableEntityException) failingGet(Reply.json(422, "{\"error\":true,"
                + "\"message\":\"Expensive destination\",\"code\":422,\"request_id\":\"r3\",\"details\":{\"phone\":"
                + "[\"Expensive destination DOM-TOM: 100 credits per call (4.0x).\"]}}"));
        assertEquals(1, e.details().get("phone").size());
        assertSame(ServiceUnavailableException.class, failingGet(Reply.json(503, Fixtures.error(503, "x"))).getClass());
    }
}
