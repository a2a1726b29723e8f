package io.getbill.client.token;

import java.util.Objects;

/**
 * A client id, its secret and how to present them; a public client ({@link ClientAuthenticationMethod#NONE}) has
 * an id and no secret. Immutable.
 *
 * <p>The secret is readable only inside this package, and {@link #toString()} never shows it, so the
 * credentials can be logged or put in an exception message without leaking anything.
 */
public final class ClientCredentials {
    private final String clientId;
    private final String clientSecret;
    private final ClientAuthenticationMethod method;

    /**
     * @param clientId     the registered client id
     * @param clientSecret the client secret (GetBill issues at least 32 characters); {@code null} for a public client
     * @param method       how to send them
     * @throws IllegalArgumentException if a confidential client has no secret or a public client has one
     */
    public ClientCredentials(String clientId, String clientSecret, ClientAuthenticationMethod method) {
        this.clientId = requireText(clientId, "clientId");
        this.method = Objects.requireNonNull(method, "method");
        if (method == ClientAuthenticationMethod.NONE) {
            if (clientSecret != null) {
                throw new IllegalArgumentException("A public client (token_endpoint_auth_method none) has no client secret");
            }
            this.clientSecret = null;
        } else {
            this.clientSecret = requireText(clientSecret, "clientSecret");
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** The client id (not a secret). */
    public String clientId() {
        return clientId;
    }

    /** How the credentials are sent. */
    public ClientAuthenticationMethod method() {
        return method;
    }

    /** The secret, or {@code null} for a public client. */
    String clientSecret() {
        return clientSecret;
    }

    /** Whether this is a public client (no secret). */
    public boolean isPublic() {
        return method == ClientAuthenticationMethod.NONE;
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "<redacted>")
                + ", method=" + method + "]";
    }
}
