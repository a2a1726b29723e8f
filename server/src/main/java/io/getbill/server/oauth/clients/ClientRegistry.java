package io.getbill.server.oauth.clients;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered clients, read through a short-lived cache so that the token endpoint needs no database query per
 * request: a partner typically asks for tokens with the same client many times a second.
 *
 * <p>An entry lives {@code getbill.clients.cache-ttl} (default 5 s) and is dropped at once when this instance changes
 * the client ({@link #invalidate}); a change made by another instance (a disabled client, a new secret) takes effect
 * here within the TTL. Unknown client ids are not cached, so they cannot fill the cache; repeated failures are
 * throttled by {@link ClientAuthenticationThrottle} instead.
 */
@Singleton
public class ClientRegistry {

    /** client_id is at most 128 characters (schema); longer values are unknown without asking the database. */
    static final int MAX_CLIENT_ID = 128;
    private static final int MAX_ENTRIES = 10_000;

    private final OAuthClientRepository repository;
    private final long ttlNanos;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(OAuthClient client, long loadedAtNanos) {
    }

    public ClientRegistry(OAuthClientRepository repository,
                          @Value("${getbill.clients.cache-ttl:5s}") Duration ttl) {
        this.repository = repository;
        this.ttlNanos = ttl.toNanos();
    }

    /** The client registered under exactly {@code clientId} (case and trailing spaces included). */
    public Optional<OAuthClient> find(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Entry entry = cache.get(clientId);
        if (entry != null && now - entry.loadedAtNanos() < ttlNanos) {
            return Optional.of(entry.client());
        }
        // MariaDB and MySQL compare with a case-insensitive, PAD SPACE collation: insist on the exact id.
        OAuthClient client = repository.findById(clientId).filter(c -> c.clientId().equals(clientId)).orElse(null);
        if (client == null) {
            cache.remove(clientId);
            return Optional.empty();
        }
        if (ttlNanos > 0) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(clientId, new Entry(client, now));
        }
        return Optional.of(client);
    }

    /** Forgets the cached record of {@code clientId} after a local change. */
    public void invalidate(String clientId) {
        cache.remove(clientId);
    }

    public void invalidateAll() {
        cache.clear();
    }
}
