package io.getbill.server.oauth.authorization;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A pending authorization request as stored: what {@code GET /authorize} was asked (client, redirect URI, scope,
 * state, PKCE challenge), or a problem to answer the client with once the user has signed in ({@code error}). The
 * browser carries only the random request id, of which {@code idHash} is the keyed hash. {@code clientId} is
 * {@code null} for a sign-in that is not for a client (the account page).
 */
@MappedEntity("authorization_requests")
public record AuthorizationRequestRow(
        @Id String idHash,
        @Nullable String clientId,
        @Nullable String redirectUri,
        @Nullable String scope,
        @Nullable String state,
        @Nullable String codeChallenge,
        @Nullable String error,
        @Nullable String errorDescription,
        @Nullable String sessionId,
        @Nullable String csrfHash,
        boolean completed,
        Instant createdAt,
        Instant expiresAt) {

    public boolean isForClient() {
        return clientId != null;
    }

    @Override
    public String toString() {
        return "AuthorizationRequestRow{clientId=" + clientId + ", error=" + error + ", completed=" + completed + "}";
    }
}
