package io.getbill.server.infrastructure.audit;

import java.time.Instant;

/**
 * One fact of the authorization server worth keeping: who (client), what (event, grant), how it ended (outcome,
 * reason) and which request it was. It never holds a secret or a token: only client ids, OAuth error codes, token
 * family ids and jtis, which identify tokens without granting anything.
 *
 * @param event     what happened, see {@link Type}
 * @param clientId  the client (authenticated, or as presented when authentication failed); may be {@code null}
 * @param outcome   {@code success} or {@code failure}
 * @param reason    an OAuth error code or a short fixed word; never free text from the request
 * @param requestId the {@code X-Request-Id} of the request
 * @param detail    a grant type, family id or jti; may be {@code null}
 */
public record AuditEvent(Instant at, Type event, String clientId, String outcome, String reason, String requestId,
                         String detail) {

    /** The audited events. */
    public enum Type {
        /** Tokens issued at the token endpoint (any grant). */
        TOKEN_ISSUED("token_issued"),
        /** A token request refused (RFC 6749 §5.2 error, or throttled). */
        TOKEN_REFUSED("token_refused"),
        /** A refresh token rotated (RFC 6749 §6). */
        REFRESH_ROTATED("refresh_rotated"),
        /** An already-used refresh token presented again: its family is revoked (RFC 9700 §4.14.2). */
        REFRESH_REUSE_DETECTED("refresh_reuse_detected"),
        /** A refresh token presented again within the reuse leeway of its use: refused, family kept. */
        REFRESH_CONCURRENT_USE("refresh_concurrent_use"),
        /** A token or family revoked (RFC 7009), or a revocation request refused. */
        TOKEN_REVOKED("token_revoked"),
        REVOCATION_REFUSED("revocation_refused"),
        /** An introspection request refused (RFC 7662). Successful introspections are not audited. */
        INTROSPECTION_REFUSED("introspection_refused"),
        /** An admin sign-in, successful or refused ({@code client_id} holds the user id, or {@code -}). */
        ADMIN_SIGN_IN("admin_sign_in"),
        /** An admin sign-out. */
        ADMIN_SIGN_OUT("admin_sign_out"),
        /**
         * A change made through the admin API ({@code client_id} holds the admin user's id, {@code reason} the action,
         * e.g. {@code client_created}, {@code detail} the company and the target id). Written by
         * the admin API's audit ({@code AdminAudit}).
         */
        ADMIN_ACTION("admin_action"),
        /** A company user's sign-in on the authorization pages ({@code client_id} holds the user id, or {@code -}). */
        USER_SIGN_IN("user_sign_in"),
        /** A company user's decision on an authorization request ({@code reason}: approved, denied, remembered). */
        AUTHORIZATION_DECISION("authorization_decision"),
        /** A company user withdrew the consent given to a client ({@code detail}: the user). */
        CONSENT_WITHDRAWN("consent_withdrawn"),
        /** A redeemed authorization code presented again: every token issued from it is revoked (RFC 6749 §4.1.2). */
        CODE_REUSE_DETECTED("code_reuse_detected");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
}
