package io.getbill.server.oauth.bearer;

/**
 * Claim names of this server's access tokens (RFC 9068 §2.2) beyond the registered ones.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-2.2">RFC 9068 §2.2</a>
 */
public final class AccessTokenClaims {

    /** JOSE {@code typ} of access tokens (RFC 9068 §2.1). */
    public static final String TYPE = "at+jwt";
    public static final String SCOPE = "scope";
    public static final String CLIENT_ID = "client_id";
    public static final String COMPANY_ID = "company_id";
    /** Refresh-token family the access token descends from; revoking the family revokes the token. */
    public static final String FAMILY_ID = "fid";
    /** Authentication attribute: the token's {@code jti}. */
    public static final String JTI = "jti";
    /** Authentication attribute: the token's expiry, epoch seconds. */
    public static final String EXPIRES_AT = "exp";

    private AccessTokenClaims() {
    }

    /** Prefix of the {@code sub} of a token acting for a company user; client ids cannot contain {@code ':'}. */
    public static final String USER_SUBJECT_PREFIX = "user:";

    /** The {@code sub} of a token acting for company user {@code userId}. */
    public static String userSubject(String userId) {
        return USER_SUBJECT_PREFIX + userId;
    }
}
