package io.getbill.server.oauth.protocol;

import java.util.Optional;

/**
 * The grant types this authorization server supports.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1">RFC 6749 §4.1 (authorization code)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4 (client credentials)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6 (refreshing)</a>
 */
public enum GrantType {
    CLIENT_CREDENTIALS("client_credentials"),
    AUTHORIZATION_CODE("authorization_code"),
    REFRESH_TOKEN("refresh_token");

    private final String value;

    GrantType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<GrantType> of(String value) {
        for (GrantType g : values()) {
            if (g.value.equals(value)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
