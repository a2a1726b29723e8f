package io.getbill.client.token;

/**
 * How the client authenticates to the token endpoint, named as in the RFC 8414 metadata
 * ({@code token_endpoint_auth_methods_supported}). GetBill accepts both, never both in one request.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>
 */
public enum ClientAuthenticationMethod {
    /** HTTP Basic with the form-urlencoded client id and secret (the default; the secret stays out of bodies). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** {@code client_id} and {@code client_secret} as form parameters of the body. */
    CLIENT_SECRET_POST("client_secret_post");

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
