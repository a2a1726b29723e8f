package io.getbill.server.infrastructure.errors;

import io.getbill.server.api.model.ErrorResponse;
import io.getbill.server.infrastructure.http.RequestIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;
import java.util.Map;

/**
 * The API's error envelope {@code {"error": true, "message", "code", "request_id", "details"}}, rendered in this one
 * place. Paths that speak another error family (RFC 6749 §5.2 on the OAuth endpoints) declare it as an
 * {@link ErrorFamily} bean, which renders its own errors.
 */
public final class ErrorEnvelopes {

    private ErrorEnvelopes() {
    }

    /** The resource error envelope with the HTTP status as {@code code}. */
    public static MutableHttpResponse<ErrorResponse> envelope(HttpRequest<?> request, HttpStatus status, String message,
                                                             Map<String, List<String>> details) {
        ErrorResponse body = new ErrorResponse(true, message, status.getCode(), RequestIds.of(request));
        if (details != null && !details.isEmpty()) {
            body.setDetails(details);
        }
        return HttpResponse.<ErrorResponse>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }
}
