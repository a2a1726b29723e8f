package io.getbill.server.oauth.protocol;

import io.micronaut.http.HttpStatus;

/**
 * The error codes of RFC 6749 §5.2, each with the one HTTP status it is answered with. This is the only place
 * that maps an OAuth error to HTTP: {@code invalid_client} is 401, throttling is 429, everything else is 400.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 */
public enum OAuthErrorCode {
    INVALID_REQUEST("invalid_request", HttpStatus.BAD_REQUEST),
    INVALID_CLIENT("invalid_client", HttpStatus.UNAUTHORIZED),
    INVALID_GRANT("invalid_grant", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED_CLIENT("unauthorized_client", HttpStatus.BAD_REQUEST),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", HttpStatus.BAD_REQUEST),
    INVALID_SCOPE("invalid_scope", HttpStatus.BAD_REQUEST),
    /**
     * Throttled failed client authentications (429, with {@code Retry-After}); an unreachable database answers it
     * with 503 instead ({@link OAuthErrorFamily#unavailable()}).
     */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", HttpStatus.TOO_MANY_REQUESTS);

    private final String code;
    private final HttpStatus status;

    OAuthErrorCode(String code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }
}
