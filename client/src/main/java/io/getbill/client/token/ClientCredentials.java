package io.getbill.client.token;

import java.util.Objects;

/**
 * A client id, its secret and how to present them. Immutable.
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
     * @param clientSecret the client secret (GetBill issues at least 32 characters)
     * @param method       how to send them
     */
    public ClientCredentials(String clientId, String clientSecret, ClientAuthenticationMethod method) {
        this.clientId = requireText(clientId, "clientId");
        this.clientSecret = requireText(clientSecret, "clientSecret");
        this.method = Objects.requireNonNull(method, "method");
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

    String clientSecret() {
        return clientSecret;
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=<redacted>, method=" + method + "]";
    }
}
