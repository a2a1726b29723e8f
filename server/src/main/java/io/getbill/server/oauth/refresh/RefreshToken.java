package io.getbill.server.oauth.refresh;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A refresh token as stored (RFC 6749 §1.5): never the token itself, only its keyed hash; bound to the client and
 * company it was issued to; single use ({@code used}, since {@code usedAt}) and part of a family — every token rotated from the same
 * original grant shares {@code familyId}, and so do the access tokens issued with them (claim {@code fid}).
 * {@code userId} is the company user a family from the authorization code grant acts for ({@code null} for the
 * client credentials grant).
 */
@MappedEntity("refresh_tokens")
public record RefreshToken(
        @Id String tokenHash,
        String familyId,
        String clientId,
        String companyId,
        String scope,
        Instant issuedAt,
        Instant expiresAt,
        boolean used,
        boolean revoked,
        @Nullable Instant usedAt,
        @Nullable String userId) {

    @Override
    public String toString() {
        return "RefreshToken{familyId=" + familyId + ", clientId=" + clientId + ", used=" + used + ", revoked="
                + revoked + ", expiresAt=" + expiresAt + "}";
    }
}
