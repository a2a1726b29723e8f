package io.getbill.server.admin.dashboard;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client secret on its way from the form post that created it to the one page that shows it (POST → 303 → GET):
 * held in this instance's memory for a few minutes, keyed by the admin session, and handed out once — a reload of the
 * page finds nothing, and the secret never appears in a URL, a cookie or the database (which keeps only its HMAC).
 *
 * <p>The redirect that follows the post goes back to the instance that answered it on any keep-alive connection; behind
 * a load balancer without affinity the page may land elsewhere and say the secret is gone, and the admin rotates it.
 */
@Singleton
public class SecretFlash {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Shown> waiting = new ConcurrentHashMap<>();
    private final Clock clock;

    /**
     * A secret to show once.
     *
     * @param rotated              whether it replaces an older secret (else the client is new)
     * @param previousValidUntil   until when the replaced secret still works (rotation only)
     */
    record Shown(String clientId, String clientName, String secret, boolean rotated, Instant previousValidUntil,
                 Instant expiresAt) {
        @Override
        public String toString() {
            return "Shown{clientId=" + clientId + ", secret=<redacted>}";
        }
    }

    public SecretFlash(Clock clock) {
        this.clock = clock;
    }

    void put(String sessionId, String clientId, String clientName, String secret, boolean rotated, Instant previousValidUntil) {
        Instant now = clock.instant();
        waiting.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        if (waiting.size() >= MAX_ENTRIES) {
            waiting.clear();
        }
        waiting.put(sessionId, new Shown(clientId, clientName, secret, rotated, previousValidUntil, now.plus(LIFETIME)));
    }

    /** The waiting secret of the session, removed on the way; empty once taken or expired. */
    Optional<Shown> take(String sessionId) {
        Shown shown = waiting.remove(sessionId);
        if (shown == null || !clock.instant().isBefore(shown.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(shown);
    }

    /** Forgets the session's waiting secret (sign-out). */
    void discard(String sessionId) {
        waiting.remove(sessionId);
    }
}
