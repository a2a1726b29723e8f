package io.getbill.client.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.getbill.client.invoker.ApiClient;
import io.getbill.client.invoker.ApiException;
import io.getbill.client.retry.RetryAfter;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a resource's error response into the typed exception for its status, reading the contract's
 * error envelope once. This is the only place where an HTTP status becomes an exception type:
 *
 * <table>
 *   <caption>Status to exception</caption>
 *   <tr><td>400</td><td>{@link ValidationException}</td></tr>
 *   <tr><td>401</td><td>{@link AuthenticationException}</td></tr>
 *   <tr><td>403</td><td>{@link AuthorizationException}</td></tr>
 *   <tr><td>404</td><td>{@link NotFoundException}</td></tr>
 *   <tr><td>409</td><td>{@link ConflictException}</td></tr>
 *   <tr><td>412</td><td>{@link PreconditionFailedException}</td></tr>
 *   <tr><td>422</td><td>{@link UnprocessableEntityException}</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitedException}</td></tr>
 *   <tr><td>503</td><td>{@link ServiceUnavailableException}</td></tr>
 *   <tr><td>other</td><td>{@link GetBillApiException}</td></tr>
 * </table>
 *
 * A body that is not an envelope (a proxy's HTML page) still gives the type for its status, with a generic
 * message. Stateless and thread-safe. {@code GetBillClient} calls it from the generated API classes'
 * {@code getApiException} hook; callers do not need it.
 */
public final class ErrorMapper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_ENVELOPE = "The response carried no error envelope";

    private ErrorMapper() {
    }

    /**
     * The exception for an error response received by a generated API class.
     *
     * @param operationId the operation that failed
     * @param response    the non-2xx response; its body is consumed
     * @return the typed exception (a {@link TokenRequestException} when no token could be had)
     * @throws IOException if the body cannot be read
     */
    public static ApiException toException(String operationId, HttpResponse<InputStream> response) throws IOException {
        if (response instanceof TokenFailureResponse<?> failure) {
            return failure.exception();
        }
        byte[] body;
        try (InputStream in = ApiClient.getResponseBody(response)) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        return toException(operationId, response.statusCode(), response.headers(), body, Clock.systemUTC());
    }

    /**
     * The exception for a status, headers and body.
     *
     * @param clock used to read an HTTP-date {@code Retry-After}
     */
    public static GetBillApiException toException(String operationId, int status, HttpHeaders headers, byte[] body,
                                                  Clock clock) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json = readJson(body);
        String message = json != null && json.path("message").isTextual() ? json.get("message").asText() : NO_ENVELOPE;
        String requestId = json != null && json.path("request_id").isTextual()
                ? json.get("request_id").asText()
                : headers.firstValue("X-Request-Id").orElse(null);
        JsonNode details = json == null ? null : json.get("details");
        Map<String, List<String>> fieldErrors = status == 429 ? Map.of() : fieldErrors(details);
        ErrorEnvelope envelope = new ErrorEnvelope(status, message, requestId, fieldErrors);
        BearerChallenge challenge = BearerChallenge.from(headers).orElse(null);
        Duration retryAfter = RetryAfter.from(headers, clock).orElse(null);
        return switch (status) {
            case 400 -> new ValidationException(operationId, envelope, headers, text);
            case 401 -> new AuthenticationException(operationId, envelope, headers, text, challenge);
            case 403 -> new AuthorizationException(operationId, envelope, headers, text, challenge);
            case 404 -> new NotFoundException(operationId, envelope, headers, text);
            case 409 -> new ConflictException(operationId, envelope, headers, text);
            case 412 -> new PreconditionFailedException(operationId, envelope, headers, text);
            case 422 -> new UnprocessableEntityException(operationId, envelope, headers, text);
            case 429 -> rateLimited(operationId, envelope, headers, text, details, retryAfter);
            case 503 -> new ServiceUnavailableException(operationId, envelope, headers, text, retryAfter);
            default -> new GetBillApiException(operationId, envelope, headers, text);
        };
    }

    private static RateLimitedException rateLimited(String operationId, ErrorEnvelope envelope, HttpHeaders headers,
                                                    String text, JsonNode details, Duration headerRetryAfter) {
        Duration retryAfter = headerRetryAfter;
        Integer limit = null;
        OffsetDateTime resetTime = null;
        if (details != null && details.isObject()) {
            if (retryAfter == null && details.path("retry_after").canConvertToLong()) {
                retryAfter = Duration.ofSeconds(Math.max(0, details.get("retry_after").asLong()));
            }
            if (details.path("limit").canConvertToInt()) {
                limit = details.get("limit").asInt();
            }
            if (details.path("reset_time").isTextual()) {
                resetTime = parseTime(details.get("reset_time").asText());
            }
        }
        if (limit == null) {
            limit = headers.firstValue("X-RateLimit-Limit").flatMap(ErrorMapper::parseInt).orElse(null);
        }
        if (resetTime == null) {
            resetTime = headers.firstValue("X-RateLimit-Reset").flatMap(ErrorMapper::parseLong)
                    .map(epoch -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(epoch), ZoneOffset.UTC)).orElse(null);
        }
        return new RateLimitedException(operationId, envelope, headers, text, retryAfter, limit, resetTime);
    }

    private static Map<String, List<String>> fieldErrors(JsonNode details) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (details == null || !details.isObject()) {
            return result;
        }
        details.fields().forEachRemaining(entry -> {
            List<String> messages = new ArrayList<>();
            if (entry.getValue().isArray()) {
                entry.getValue().forEach(item -> messages.add(item.asText()));
            } else if (!entry.getValue().isNull()) {
                messages.add(entry.getValue().asText());
            }
            result.put(entry.getKey(), messages);
        });
        return result;
    }

    private static JsonNode readJson(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static OffsetDateTime parseTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
