package io.getbill.server.oauth.clients;

import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;

/**
 * A registered OAuth client of a company (RFC 6749 §2). {@code secretHash} is
 * {@link ClientSecretHasher HMAC-SHA-256(master key, secret)}, never the secret; during a rotation the previous
 * secret keeps working until {@code previousSecretExpiresAt}.
 */
@MappedEntity("oauth_clients")
public record OAuthClient(
        @Id String clientId,
        String companyId,
        String name,
        String secretHash,
        @Nullable String previousSecretHash,
        @Nullable Instant previousSecretExpiresAt,
        String grantTypes,
        String scopes,
        int readsPerHour,
        int writesPerHour,
        boolean enabled,
        Instant createdAt,
        @Nullable Instant lastUsedAt) {

    public boolean allows(GrantType grant) {
        return Arrays.asList(grantTypes.split(" ")).contains(grant.value());
    }

    public Scope registeredScope() {
        return Scope.parseLenient(scopes);
    }

    @Override
    public String toString() {
        return "OAuthClient{clientId=" + clientId + ", companyId=" + companyId + ", grantTypes=" + grantTypes
                + ", scopes=" + scopes + ", enabled=" + enabled + "}";
    }
}
