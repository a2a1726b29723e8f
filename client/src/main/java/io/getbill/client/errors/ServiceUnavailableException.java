package io.getbill.client.errors;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * 503 Service Unavailable after the client's retries (idempotent requests only) were used up, or at once
 * for a request that is not safe to resend (a POST without {@code Idempotency-Key}).
 */
public class ServiceUnavailableException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param retryAfter the {@code Retry-After} of the response, or {@code null}
     */
    public ServiceUnavailableException(String operationId, ErrorEnvelope envelope, HttpHeaders headers,
                                       String responseBody, Duration retryAfter) {
        super(operationId, envelope, headers, responseBody);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
