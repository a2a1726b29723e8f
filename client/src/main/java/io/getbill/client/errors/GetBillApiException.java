package io.getbill.client.errors;

import io.getbill.client.invoker.ApiException;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Base of every error the GetBill API answers, built from the contract's error envelope so that callers
 * never parse strings.
 *
 * <p><b>Design.</b> It extends the generated {@link ApiException}: the generated API classes declare
 * {@code throws ApiException}, so an existing {@code catch (ApiException e)} keeps working, and
 * {@link #getCode()} is the HTTP status as before. {@code GetBillClient} installs API classes whose
 * error hook builds the most specific subclass ({@link ValidationException}, {@link NotFoundException},
 * {@link RateLimitedException}, …). Failures that are not an HTTP answer (connection refused, timeout
 * after the last retry) stay plain {@code ApiException}s with code 0 and the {@code IOException} as cause,
 * exactly as the generated code raises them.
 *
 * <p>The message names the operation, the status, the server's message and the request id; it never
 * contains a client secret or a token. Instances are immutable and safe to share between threads.
 */
public class GetBillApiException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final String operationId;
    private final transient ErrorEnvelope envelope;

    /**
     * @param operationId  the contract's operationId of the failed call (e.g. {@code createDebt})
     * @param envelope     what the error body said
     * @param headers      the response headers, may be {@code null}
     * @param responseBody the raw response body, may be {@code null}
     */
    public GetBillApiException(String operationId, ErrorEnvelope envelope, HttpHeaders headers, String responseBody) {
        this(operationId, envelope, headers, responseBody, describe(operationId, envelope));
    }

    /** For subclasses that phrase their own message. */
    protected GetBillApiException(String operationId, ErrorEnvelope envelope, HttpHeaders headers,
                                  String responseBody, String message) {
        this(operationId, envelope, headers, responseBody, message, null);
    }

    /** For subclasses that phrase their own message and carry a cause. */
    protected GetBillApiException(String operationId, ErrorEnvelope envelope, HttpHeaders headers,
                                  String responseBody, String message, Throwable cause) {
        super(message, cause, envelope.status(), headers, responseBody);
        this.operationId = operationId;
        this.envelope = envelope;
    }

    private static String describe(String operationId, ErrorEnvelope envelope) {
        StringBuilder text = new StringBuilder()
                .append(operationId).append(": HTTP ").append(envelope.status()).append(' ').append(envelope.message());
        if (envelope.requestId() != null) {
            text.append(" (request_id ").append(envelope.requestId()).append(')');
        }
        return text.toString();
    }

    /** The HTTP status code (same as {@link #getCode()}). */
    public int status() {
        return envelope.status();
    }

    /** The server's message from the envelope. */
    public String serverMessage() {
        return envelope.message();
    }

    /** The request id to quote to GetBill support: {@code request_id}, else the {@code X-Request-Id} header. */
    public Optional<String> requestId() {
        return Optional.ofNullable(envelope.requestId());
    }

    /** Per field or parameter, every message that applies to it; empty when the error has none. */
    public Map<String, List<String>> details() {
        return envelope.details();
    }

    /** The operationId of the failed call, e.g. {@code createDebt}. */
    public String operationId() {
        return operationId;
    }

    /** The whole envelope. */
    public ErrorEnvelope envelope() {
        return envelope;
    }
}
