package io.getbill.server.oauth.denylist;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory denylist every bearer token is checked against on every request (RFC 7009 §2: a revoked token must
 * be refused), without a database round trip: revoked access-token {@code jti}s and revoked family ids ({@code fid}).
 *
 * <p>A revocation made on this instance is added at once ({@link #add}); revocations made by other instances reach
 * it through {@link #refresh()}, which runs every {@code getbill.denylist.refresh-interval} (default 1 s) and reads
 * only rows newer than those already seen — so a revoked token is refused everywhere within about a second, well
 * inside the 5 s the contract allows.
 *
 * <p>Rows are read by their auto-increment {@code seq}. Because a transaction may commit a lower {@code seq} after a
 * higher one is visible, each refresh re-reads from the highest {@code seq} seen {@value #OVERLAP_REFRESHES}
 * refreshes ago: re-reading is harmless (the sets are idempotent) and a revocation's transaction is one short
 * INSERT. Entries are dropped from memory when they expire.
 */
@Singleton
public class Denylist {

    private static final Logger LOG = LoggerFactory.getLogger(Denylist.class);
    static final int OVERLAP_REFRESHES = 10;

    private final TokenRevocationRepository repository;
    private final Map<String, Long> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> families = new ConcurrentHashMap<>();
    /** Client cut-offs: client id → {cut-off epoch second, expiry epoch second}. */
    private final Map<String, long[]> clients = new ConcurrentHashMap<>();
    private final ArrayDeque<Long> seenAtRefresh = new ArrayDeque<>();
    private long maxSeen;

    public Denylist(TokenRevocationRepository repository) {
        this.repository = repository;
        refresh();
    }

    /**
     * Whether a token with {@code jti} and family {@code familyId} (may be {@code null}) is revoked. Two hash lookups;
     * no I/O.
     */
    public boolean isRevoked(String jti, String familyId) {
        if (!accessTokens.isEmpty() && jti != null && accessTokens.containsKey(jti)) {
            return true;
        }
        return familyId != null && !families.isEmpty() && families.containsKey(familyId);
    }

    /**
     * Whether an access token of {@code clientId} issued at {@code issuedAtEpochSecond} falls under a client cut-off
     * (the client was disabled or deleted after it was issued). One hash lookup; no I/O.
     */
    public boolean isCutOff(String clientId, long issuedAtEpochSecond) {
        if (clients.isEmpty() || clientId == null) {
            return false;
        }
        long[] cutOff = clients.get(clientId);
        return cutOff != null && issuedAtEpochSecond <= cutOff[0];
    }

    /** Adds a client cut-off to this instance at once (the database row is written by the caller). */
    void addClientCutOff(String clientId, long cutOffEpochSecond, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        clients.merge(clientId, new long[]{cutOffEpochSecond, expires},
                (a, b) -> new long[]{Math.max(a[0], b[0]), Math.max(a[1], b[1])});
    }

    /** Adds a revocation to this instance's set at once (the database row is written by the caller). */
    void add(String kind, String tokenId, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        if (TokenRevocation.FAMILY.equals(kind)) {
            families.merge(tokenId, expires, Math::max);
        } else {
            accessTokens.merge(tokenId, expires, Math::max);
        }
    }

    /** Reads the revocations recorded since the last refresh (by any instance) and forgets expired ones. */
    @Scheduled(fixedDelay = "${getbill.denylist.refresh-interval:1s}", initialDelay = "${getbill.denylist.refresh-interval:1s}")
    public synchronized void refresh() {
        Instant now = Instant.now();
        long from = seenAtRefresh.isEmpty() ? 0 : seenAtRefresh.peekFirst();
        try {
            for (TokenRevocation row : repository.findLiveAfter(from, now)) {
                if (TokenRevocation.CLIENT.equals(row.kind())) {
                    addClientCutOff(row.tokenId(), row.revokedAt().getEpochSecond(), row.expiresAt());
                } else {
                    add(row.kind(), row.tokenId(), row.expiresAt());
                }
                if (row.seq() != null && row.seq() > maxSeen) {
                    maxSeen = row.seq();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot refresh the token denylist: {}", e.toString());
            return;
        }
        seenAtRefresh.addLast(maxSeen);
        while (seenAtRefresh.size() > OVERLAP_REFRESHES) {
            seenAtRefresh.removeFirst();
        }
        long nowSeconds = now.getEpochSecond();
        accessTokens.values().removeIf(expires -> expires <= nowSeconds);
        families.values().removeIf(expires -> expires <= nowSeconds);
        clients.values().removeIf(cutOff -> cutOff[1] <= nowSeconds);
    }

    /** Number of live entries (jtis + families) held in memory. */
    public int size() {
        return accessTokens.size() + families.size() + clients.size();
    }
}
