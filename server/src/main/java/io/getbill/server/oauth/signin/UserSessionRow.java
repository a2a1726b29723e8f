package io.getbill.server.oauth.signin;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A company user's session on the sign-in, consent and account pages. {@code id} is the keyed hash of the cookie's
 * token, never the token; {@code csrfTokenSealed} the session's anti-forgery token for the account forms, sealed.
 */
@MappedEntity("user_sessions")
public record UserSessionRow(
        @Id String id,
        String userId,
        String companyId,
        String csrfTokenSealed,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "UserSessionRow{userId=" + userId + ", companyId=" + companyId + ", expiresAt=" + expiresAt + "}";
    }
}
