package io.getbill.server.infrastructure.errors;

import io.getbill.server.api.model.ErrorResponse;
import io.getbill.server.api.model.OAuthError;
import io.getbill.server.api.model.OAuthErrorError;
import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.oauth.protocol.OAuthErrorCode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two error families of this API and the one place each is rendered:
 * <ul>
 *   <li>the OAuth endpoints ({@code /token}, {@code /revoke}, {@code /introspect}) answer RFC 6749 §5.2 JSON
 *       with {@code Cache-Control: no-store};</li>
 *   <li>everything else answers the API's envelope {@code {"error": true, "message", "code", "request_id",
 *       "details"}}.</li>
 * </ul>
 */
public final class ErrorEnvelopes {

    /** Paths that speak RFC 6749 errors rather than the resource envelope. */
    public static final Set<String> OAUTH_PATHS = Set.of("/token", "/revoke", "/introspect");

    private ErrorEnvelopes() {
    }

    public static boolean isOAuthEndpoint(HttpRequest<?> request) {
        return request != null && OAUTH_PATHS.contains(request.getPath());
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

    /** An RFC 6749 §5.2 error body with the status its code maps to (or {@code statusOverride}). */
    public static MutableHttpResponse<OAuthError> oauth(OAuthErrorCode code, String description, HttpStatus statusOverride) {
        OAuthError body = new OAuthError(OAuthErrorError.fromValue(code.code()));
        body.setErrorDescription(description);
        HttpStatus status = statusOverride != null ? statusOverride : code.status();
        return HttpResponse.<OAuthError>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(body);
    }
}
