package io.getbill.server.oauth.protocol;

import java.util.Optional;

/**
 * How a client authenticates at the token endpoint (RFC 7591 §2, {@code token_endpoint_auth_method}). A confidential
 * client registered with either secret method may use both (RFC 6749 §2.3.1 lets the server accept both); a public
 * client ({@link #NONE}) has no secret, sends only {@code client_id}, and may hold only the {@code authorization_code}
 * and {@code refresh_token} grants, PKCE standing in for the secret (RFC 7636, RFC 9700 §2.1.1).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 */
public enum TokenEndpointAuthMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    NONE("none");

    private final String value;

    TokenEndpointAuthMethod(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean isPublic() {
        return this == NONE;
    }

    public static Optional<TokenEndpointAuthMethod> of(String value) {
        for (TokenEndpointAuthMethod m : values()) {
            if (m.value.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
