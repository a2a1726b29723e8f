package io.getbill.server.infrastructure.errors;

import io.micronaut.http.HttpStatus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure of a resource operation that the client can act on, rendered as the API's error envelope
 * ({@code error, message, code, request_id, details}) by {@link ErrorEnvelopes}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, List<String>> details;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(HttpStatus status, String message, Map<String, List<String>> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException validation(Map<String, List<String>> details) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Validation failed", details);
    }

    /** Adds a response header to the error answer (e.g. {@code Retry-After} on a 429). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, List<String>> details() {
        return details;
    }

    /** Response headers of the error answer, in the order they were added. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
