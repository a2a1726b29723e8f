package io.getbill.server.oauth.authorization;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An authorization code as stored (RFC 6749 §4.1.2): only its keyed hash, bound to the client, the user and their
 * company, the granted scope, the redirect URI and the PKCE challenge. {@code redeemedAt} and {@code familyId} are
 * set together by the one conditional UPDATE that redeems it.
 */
@MappedEntity("authorization_codes")
public record AuthorizationCodeRow(
        @Id String codeHash,
        String clientId,
        String userId,
        String companyId,
        String scope,
        String redirectUri,
        String codeChallenge,
        Instant issuedAt,
        Instant expiresAt,
        @Nullable Instant redeemedAt,
        @Nullable String familyId) {

    @Override
    public String toString() {
        return "AuthorizationCodeRow{clientId=" + clientId + ", userId=" + userId + ", redeemed=" + (redeemedAt != null) + "}";
    }
}
