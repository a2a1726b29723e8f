package io.getbill.server.oauth.clients;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.getbill.server.infrastructure.config.ClockTicker;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The registered clients, read through a short-lived cache so that the token endpoint needs no database query per
 * request: a partner typically asks for tokens with the same client many times a second.
 *
 * <p>An entry lives {@code getbill.clients.cache-ttl} (default 5 s) and is dropped at once when this instance changes
 * the client ({@link #invalidate}); a change made by another instance (a disabled client, a new secret) takes effect
 * here within the TTL. Unknown client ids are not cached, so they cannot fill the cache; repeated failures are
 * throttled by {@link ClientAuthenticationThrottle} instead. At most {@value #MAX_ENTRIES} records are kept; beyond
 * that Caffeine evicts the least used ones one by one, so a burst of other clients never empties the cache.
 */
@Singleton
public class ClientRegistry {

    /** client_id is at most 128 characters (schema); longer values are unknown without asking the database. */
    static final int MAX_CLIENT_ID = 128;
    static final int MAX_ENTRIES = 10_000;

    private final OAuthClientRepository repository;
    /** {@code null} when the TTL is zero: every lookup reads the database. */
    private final Cache<String, OAuthClient> cache;

    @Inject
    public ClientRegistry(OAuthClientRepository repository,
                          @Value("${getbill.clients.cache-ttl:5s}") Duration ttl, Clock clock) {
        this(repository, ttl, clock, MAX_ENTRIES);
    }

    ClientRegistry(OAuthClientRepository repository, Duration ttl, Clock clock, int maxEntries) {
        this.repository = repository;
        this.cache = ttl.isZero() || ttl.isNegative() ? null : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .ticker(ClockTicker.of(clock))
                .executor(Runnable::run)
                .build();
    }

    /** The client registered under exactly {@code clientId} (case and trailing spaces included). */
    public Optional<OAuthClient> find(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID) {
            return Optional.empty();
        }
        OAuthClient cached = cache == null ? null : cache.getIfPresent(clientId);
        if (cached != null) {
            return Optional.of(cached);
        }
        // MariaDB and MySQL compare with a case-insensitive, PAD SPACE collation: insist on the exact id.
        OAuthClient client = repository.findById(clientId).filter(c -> c.clientId().equals(clientId)).orElse(null);
        if (client == null) {
            return Optional.empty();
        }
        if (cache != null) {
            cache.put(clientId, client);
        }
        return Optional.of(client);
    }

    /** Forgets the cached record of {@code clientId} after a local change. */
    public void invalidate(String clientId) {
        if (cache != null) {
            cache.invalidate(clientId);
        }
    }

    /** How many records are cached, after pending maintenance. */
    long cachedClients() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
