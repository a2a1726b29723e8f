package io.getbill.client.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The API's error envelope ({@code error, message, code, request_id, details}) as read from one error
 * response, or the parts of it that could be read.
 *
 * <p>Immutable. {@code details} maps a field or parameter name to every message that applies to it
 * (the validation shape of the contract's {@code ErrorResponse}); it is empty for errors without details
 * and for the 429 body, whose details are typed in {@link RateLimitedException}.
 *
 * @param status    the HTTP status of the response
 * @param message   the server's human-readable message, or a generic one when the body was not an envelope
 * @param requestId the {@code request_id} of the body, else the {@code X-Request-Id} header; may be {@code null}
 * @param details   per-field messages, never {@code null}
 */
public record ErrorEnvelope(int status, String message, String requestId, Map<String, List<String>> details) {

    /** Copies {@code details} into an unmodifiable map that keeps the server's order. */
    public ErrorEnvelope {
        Objects.requireNonNull(message, "message");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
        }
        details = Collections.unmodifiableMap(copy);
    }
}
