package io.getbill.server.oauth.denylist;

import io.getbill.server.oauth.protocol.AccessTokenLifetime;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Records revocations (RFC 7009): in this instance's {@link Denylist} at once, and in the database for every other
 * instance and for later checks of refresh tokens.
 *
 * <p>A family revocation stays live for the refresh-token lifetime plus a margin: until then a refresh token of the
 * family could still be presented, and the access tokens of the family (at most one hour old) are rejected by
 * {@code fid}.
 */
@Singleton
public class TokenRevocations {

    /** Covers clock differences and the commit of a refresh racing with the revocation. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final TokenRevocationRepository repository;
    private final Denylist denylist;
    private final Duration familyLifetime;

    public TokenRevocations(TokenRevocationRepository repository, Denylist denylist,
                            @Value("${getbill.refresh-tokens.lifetime:30d}") Duration refreshLifetime) {
        this.repository = repository;
        this.denylist = denylist;
        Duration accessLifetime = Duration.ofSeconds(AccessTokenLifetime.SECONDS);
        this.familyLifetime = (refreshLifetime.compareTo(accessLifetime) > 0 ? refreshLifetime : accessLifetime).plus(MARGIN);
    }

    /** Revokes one access token until it expires. */
    public void revokeAccessToken(String jti, String clientId, long expiresAtEpochSecond) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = Instant.ofEpochSecond(expiresAtEpochSecond);
        denylist.add(TokenRevocation.ACCESS_TOKEN, jti, expires);
        repository.save(new TokenRevocation(null, TokenRevocation.ACCESS_TOKEN, jti, clientId, now, expires));
    }

    /** Records the revocation of a token family: its access tokens are refused from now on, everywhere. */
    public void revokeFamily(String familyId, String clientId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(familyLifetime);
        denylist.add(TokenRevocation.FAMILY, familyId, expires);
        repository.save(new TokenRevocation(null, TokenRevocation.FAMILY, familyId, clientId, now, expires));
    }

    /**
     * Refuses every access token of {@code clientId} issued until now, on every instance: a client cut-off that
     * stays live for one access-token lifetime plus the margin, after which those tokens have expired anyway.
     */
    public void revokeClient(String clientId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plusSeconds(AccessTokenLifetime.SECONDS).plus(MARGIN);
        denylist.addClientCutOff(clientId, now.getEpochSecond(), expires);
        repository.save(new TokenRevocation(null, TokenRevocation.CLIENT, clientId, clientId, now, expires));
    }

    /** Whether the database holds a live revocation of family {@code familyId} (authoritative; one index lookup). */
    public boolean isFamilyRevoked(String familyId) {
        return repository.countLive(familyId, TokenRevocation.FAMILY, Instant.now()) > 0;
    }

    /**
     * Whether the database holds a live revocation of the access token {@code jti} or its family {@code familyId}
     * (may be null): exact across instances, for introspection.
     */
    public boolean isRevokedInDatabase(String jti, String familyId) {
        Instant now = Instant.now();
        return repository.countLive(jti, TokenRevocation.ACCESS_TOKEN, now) > 0
                || (familyId != null && repository.countLive(familyId, TokenRevocation.FAMILY, now) > 0);
    }

    /** Deletes expired rows; returns how many. */
    public int deleteExpired() {
        return repository.deleteExpired(Instant.now());
    }
}
