package io.getbill.client.token;

/**
 * How the client authenticates to the token endpoint, named as in the RFC 8414 metadata
 * ({@code token_endpoint_auth_methods_supported}). A confidential client uses one of the two secret methods,
 * never both in one request; a public client ({@link #NONE}) has no secret and names itself with {@code client_id}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2 ({@code none})</a>
 */
public enum ClientAuthenticationMethod {
    /** HTTP Basic with the form-urlencoded client id and secret (the default; the secret stays out of bodies). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** {@code client_id} and {@code client_secret} as form parameters of the body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /**
     * A public client (an app that cannot keep a secret: mobile, desktop, single-page): no secret, {@code client_id}
     * in the body. It can only act for a user through the authorization code flow with PKCE; it has no
     * client-credentials grant of its own.
     */
    NONE("none");

    private final String value;

    ClientAuthenticationMethod(String value) {
        this.value = value;
    }

    /** The RFC 8414 name, e.g. {@code client_secret_basic}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
