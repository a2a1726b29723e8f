package io.getbill.server.admin.session;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One admin session as stored: {@code id} is the keyed hash of the cookie's token (never the token), the CSRF token
 * is sealed. {@code expiresAt} is the absolute end; the idle end is {@code lastSeenAt} + the idle timeout.
 */
@MappedEntity("admin_sessions")
public record AdminSessionRow(
        @Id String id,
        String userId,
        String companyId,
        String csrfTokenSealed,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "AdminSessionRow{userId=" + userId + ", companyId=" + companyId + ", expiresAt=" + expiresAt + "}";
    }
}
