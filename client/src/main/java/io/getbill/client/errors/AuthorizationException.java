package io.getbill.client.errors;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

/**
 * 403 Forbidden: the access token is valid but lacks the operation's scope ({@code insufficient_scope}).
 * {@link #requiredScope()} names the scope to add to the client's registration and to
 * {@code GetBillClient.builder().scopes(...)}. Retrying does not help, so the client never retries it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
public class AuthorizationException extends GetBillApiException {
    private static final long serialVersionUID = 1L;

    private final transient BearerChallenge challenge;

    /**
     * @param challenge the {@code Bearer} challenge of the response, or {@code null} if it had none
     */
    public AuthorizationException(String operationId, ErrorEnvelope envelope, HttpHeaders headers,
                                  String responseBody, BearerChallenge challenge) {
        super(operationId, envelope, headers, responseBody);
        this.challenge = challenge;
    }

    /** The OAuth error code, normally {@code insufficient_scope}. */
    public Optional<String> error() {
        return challenge().flatMap(BearerChallenge::error);
    }

    /** The {@code scope} attribute of the challenge: the scope the operation requires (e.g. {@code debts:write}). */
    public Optional<String> requiredScope() {
        return challenge().flatMap(BearerChallenge::scope);
    }

    /** {@link #requiredScope()} split at spaces; empty when the server named none. */
    public List<String> requiredScopes() {
        return challenge().map(BearerChallenge::scopes).orElse(List.of());
    }

    /** The whole {@code Bearer} challenge, if the response had one. */
    public Optional<BearerChallenge> challenge() {
        return Optional.ofNullable(challenge);
    }
}
