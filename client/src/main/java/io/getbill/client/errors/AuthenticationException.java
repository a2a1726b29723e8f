package io.getbill.client.errors;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * 401 Unauthorized from a resource: the access token was missing or invalid (RFC 6750 §3.1).
 *
 * <p>The client has already renewed its token once and retried once when the server said
 * {@code invalid_token}; seeing this exception means the renewed token was refused too (for example the
 * client was disabled). {@link #error()} is the OAuth error code from {@code WWW-Authenticate}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
public class AuthenticationException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    private final transient BearerChallenge challenge;

    /**
     * @param challenge the {@code Bearer} challenge of the response, or {@code null} if it had none
     */
    public AuthenticationException(String operationId, ErrorEnvelope envelope, HttpHeaders headers,
                                   String responseBody, BearerChallenge challenge) {
        super(operationId, envelope, headers, responseBody);
        this.challenge = challenge;
    }

    /** The OAuth error code, e.g. {@code invalid_token}; empty when the server sent none (no token). */
    public Optional<String> error() {
        return challenge().flatMap(BearerChallenge::error);
    }

    /** {@code error_description} of the challenge, if any. */
    public Optional<String> errorDescription() {
        return challenge().flatMap(BearerChallenge::errorDescription);
    }

    /** The whole {@code Bearer} challenge, if the response had one. */
    public Optional<BearerChallenge> challenge() {
        return Optional.ofNullable(challenge);
    }
}
