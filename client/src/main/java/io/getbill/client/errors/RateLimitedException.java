package io.getbill.client.errors;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * 429 Too Many Requests: the client's rate limit for this class of request (reads or writes) is used up.
 *
 * <p>The client has already waited and retried as its {@code RetryPolicy} allows (a {@code Retry-After}
 * longer than {@code maxRetryAfter} is never slept through); this exception carries what the server said
 * so the caller can schedule the work: {@link #retryAfter()}, {@link #limit()} and {@link #resetTime()}
 * from the body's {@code details}, else from the {@code Retry-After} and {@code X-RateLimit-*} headers.
 */
public class RateLimitedException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;
    private final Integer limit;
    private final OffsetDateTime resetTime;

    /**
     * @param retryAfter how long to wait, or {@code null} if the server did not say
     * @param limit      requests allowed in the window, or {@code null}
     * @param resetTime  when the window has room for the full limit again, or {@code null}
     */
    public RateLimitedException(String operationId, ErrorEnvelope envelope, HttpHeaders headers, String responseBody,
                                Duration retryAfter, Integer limit, OffsetDateTime resetTime) {
        super(operationId, envelope, headers, responseBody, describe(operationId, envelope, retryAfter));
        this.retryAfter = retryAfter;
        this.limit = limit;
        this.resetTime = resetTime;
    }

    private static String describe(String operationId, ErrorEnvelope envelope, Duration retryAfter) {
        return operationId + ": HTTP 429 " + envelope.message()
                + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)")
                + (envelope.requestId() == null ? "" : " (request_id " + envelope.requestId() + ")");
    }

    /** How long to wait before a request of this class is accepted again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Requests allowed in the window for this class of request. */
    public Optional<Integer> limit() {
        return Optional.ofNullable(limit);
    }

    /** When the window has room for the full limit again. */
    public Optional<OffsetDateTime> resetTime() {
        return Optional.ofNullable(resetTime);
    }
}
