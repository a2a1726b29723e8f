package io.getbill.client.errors;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The token endpoint refused to issue an access token, or answered something that is not a token.
 *
 * <p>{@link #error()} is the RFC 6749 §5.2 code: {@code invalid_client} (wrong client id or secret, HTTP
 * 401), {@code invalid_scope} (a requested scope is not registered for the client), {@code
 * unauthorized_client}, {@code invalid_grant}, {@code invalid_request}, {@code unsupported_grant_type}, or
 * {@code temporarily_unavailable} (429: too many failed authentications; see {@link #retryAfter()}).
 * It is empty when the answer was not an OAuth error (e.g. an HTML page from a proxy).
 *
 * <p>For a client acting for itself, a failed <em>refresh</em> never surfaces here: the client falls back to a
 * client-credentials grant, and only that grant's failure is reported. A client acting for a user has no such
 * fallback: its failed refresh is a {@link ReauthorizationRequiredException}. Neither the message nor the stored body contains the client
 * secret or a token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 */
public class TokenRequestException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final String errorDescription;
    private final Duration retryAfter;

    /**
     * @param status           HTTP status of the token response
     * @param error            RFC 6749 error code, or {@code null}
     * @param errorDescription {@code error_description}, or {@code null}
     * @param requestId        {@code X-Request-Id} of the response, or {@code null}
     * @param retryAfter       {@code Retry-After}, or {@code null}
     * @param headers          response headers, or {@code null}
     * @param responseBody     response body with secrets removed, or {@code null}
     */
    public TokenRequestException(int status, String error, String errorDescription, String requestId,
                                 Duration retryAfter, HttpHeaders headers, String responseBody) {
        super("issueToken",
                new ErrorEnvelope(status, errorDescription != null ? errorDescription
                        : error != null ? error : "The token endpoint did not issue a token", requestId, Map.of()),
                headers, responseBody, describe(status, error, errorDescription, requestId));
        this.error = error;
        this.errorDescription = errorDescription;
        this.retryAfter = retryAfter;
    }

    /** For subclasses that phrase their own message and carry a cause. */
    protected TokenRequestException(int status, String error, String errorDescription, String requestId,
                                    HttpHeaders headers, String responseBody, String message, Throwable cause) {
        super("issueToken",
                new ErrorEnvelope(status, errorDescription != null ? errorDescription
                        : error != null ? error : "The token endpoint did not issue a token", requestId, Map.of()),
                headers, responseBody, message, cause);
        this.error = error;
        this.errorDescription = errorDescription;
        this.retryAfter = null;
    }

    private static String describe(int status, String error, String description, String requestId) {
        return "issueToken: HTTP " + status
                + (error == null ? "" : " " + error)
                + (description == null ? "" : ": " + description)
                + (requestId == null ? "" : " (request_id " + requestId + ")");
    }

    /** The RFC 6749 §5.2 error code, if the response was an OAuth error. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** {@code error_description}, if given. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** {@code Retry-After} of a 429 answer. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
