package io.getbill.server.oauth.clients;

import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.protocol.TokenEndpointAuthMethod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A registered OAuth client of a company (RFC 6749 §2). {@code secretHash} is
 * {@link ClientSecretHasher HMAC-SHA-256(master key, secret)}, never the secret; during a rotation the previous
 * secret keeps working until {@code previousSecretExpiresAt}. A public client ({@code none}) has no secret hash.
 * {@code redirectUris} holds the registered redirect URIs one per line.
 */
@MappedEntity("oauth_clients")
public record OAuthClient(
        @Id String clientId,
        String companyId,
        String name,
        @Nullable String secretHash,
        @Nullable String previousSecretHash,
        @Nullable Instant previousSecretExpiresAt,
        String grantTypes,
        String scopes,
        int readsPerHour,
        int writesPerHour,
        boolean enabled,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable String redirectUris,
        String tokenEndpointAuthMethod) {

    public boolean allows(GrantType grant) {
        return Arrays.asList(grantTypes.split(" ")).contains(grant.value());
    }

    /** The registered redirect URIs, in registration order (empty without the authorization code grant). */
    public List<String> registeredRedirectUris() {
        if (redirectUris == null || redirectUris.isEmpty()) {
            return List.of();
        }
        return List.of(redirectUris.split("\n"));
    }

    public TokenEndpointAuthMethod authMethod() {
        return TokenEndpointAuthMethod.of(tokenEndpointAuthMethod).orElse(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC);
    }

    /** A public client (RFC 6749 §2.1): no secret, authenticated by nothing but PKCE and its redirect URIs. */
    public boolean isPublic() {
        return authMethod().isPublic();
    }

    public Scope registeredScope() {
        return Scope.parseLenient(scopes);
    }

    @Override
    public String toString() {
        return "OAuthClient{clientId=" + clientId + ", companyId=" + companyId + ", grantTypes=" + grantTypes
                + ", scopes=" + scopes + ", enabled=" + enabled + ", authMethod=" + tokenEndpointAuthMethod + "}";
    }
}
