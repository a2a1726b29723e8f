package io.getbill.server.oauth.denylist;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A row of the denylist: an access token revoked by its {@code jti}, or a whole token family revoked by its id
 * (which rejects every access token carrying that {@code fid} and every refresh token of the family). Useless after
 * {@code expiresAt}, when the tokens it names have expired anyway.
 */
@MappedEntity("token_revocations")
public record TokenRevocation(
        @Id @GeneratedValue @Nullable Long seq,
        String kind,
        String tokenId,
        String clientId,
        Instant revokedAt,
        Instant expiresAt) {

    /** {@code kind} of a revoked access token; {@code tokenId} is its jti. */
    public static final String ACCESS_TOKEN = "access_token";
    /** {@code kind} of a revoked token family; {@code tokenId} is the family id. */
    public static final String FAMILY = "family";
    /**
     * {@code kind} of a client cut-off; {@code tokenId} is the client id and every access token of that client issued
     * at or before {@code revokedAt} (to the second) is refused. Written when an admin disables or deletes the client.
     */
    public static final String CLIENT = "client";
}
