package io.getbill.server.oauth.protocol;

/**
 * An RFC 6749 §5.2 error raised anywhere in the token, revocation or introspection pipeline; rendered once by
 * {@link OAuthErrorHandler}. The description is ASCII text for developers and never carries a secret or a token.
 */
public class OAuthException extends RuntimeException {

    private final OAuthErrorCode error;
    private final boolean basicChallenge;
    private final long retryAfterSeconds;

    private OAuthException(OAuthErrorCode error, String description, boolean basicChallenge, long retryAfterSeconds) {
        super(description, null, false, false);
        this.error = error;
        this.basicChallenge = basicChallenge;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthErrorCode.INVALID_REQUEST, description, false, 0);
    }

    /**
     * @param triedBasic whether the client tried HTTP Basic, in which case RFC 6749 §5.2 requires a
     *                   {@code WWW-Authenticate} challenge
     */
    public static OAuthException invalidClient(String description, boolean triedBasic) {
        return new OAuthException(OAuthErrorCode.INVALID_CLIENT, description, triedBasic, 0);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(OAuthErrorCode.INVALID_GRANT, description, false, 0);
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(OAuthErrorCode.UNAUTHORIZED_CLIENT, description, false, 0);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(OAuthErrorCode.UNSUPPORTED_GRANT_TYPE, description, false, 0);
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(OAuthErrorCode.INVALID_SCOPE, description, false, 0);
    }

    public static OAuthException throttled(long retryAfterSeconds) {
        return new OAuthException(OAuthErrorCode.TEMPORARILY_UNAVAILABLE,
                "Too many failed client authentications; retry later", false, Math.max(1, retryAfterSeconds));
    }

    public OAuthErrorCode error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
