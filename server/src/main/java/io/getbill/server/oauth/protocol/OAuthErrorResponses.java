package io.getbill.server.oauth.protocol;

import io.getbill.server.api.model.OAuthError;
import io.getbill.server.api.model.OAuthErrorError;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * The one renderer of RFC 6749 §5.2 error bodies, with {@code Cache-Control: no-store}: the OAuth error family. The
 * status is the one {@link OAuthErrorCode} maps the code to.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 */
public final class OAuthErrorResponses {

    private OAuthErrorResponses() {
    }

    /** An RFC 6749 §5.2 error body with the status its code maps to (or {@code statusOverride}). */
    public static MutableHttpResponse<OAuthError> of(OAuthErrorCode code, String description, HttpStatus statusOverride) {
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
