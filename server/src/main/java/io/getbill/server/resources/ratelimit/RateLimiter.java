package io.getbill.server.resources.ratelimit;

import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.clients.OAuthClientRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client sliding-window rate limits (one hour, minute granularity), shared by every instance on one database.
 *
 * <p>Choice and cost: the decision is taken in memory (a map lookup and a synchronized update of a 60-slot window:
 * microseconds, no I/O on the request path). Every {@code getbill.rate-limit.sync-interval} (1 s) each instance adds
 * its new counts to {@code rate_limit_counters} (one batched upsert) and reads back the totals of the clients it saw
 * in the last hour (one query). Several instances can therefore together admit at most
 * {@code instances × sync-interval × request rate} requests over a limit before they all see it — a bounded,
 * documented overshoot traded for zero database round trips per request. If the database is unreachable the limiter
 * keeps counting locally (per instance) and says so in the log.
 */
@Singleton
public class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    record Key(String clientId, RequestClass requestClass) {
    }

    private record Limits(int readsPerHour, int writesPerHour, long loadedAtMillis) {
    }

    private final Map<Key, SlidingWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, Limits> limits = new ConcurrentHashMap<>();
    private final OAuthClientRepository clients;
    private final RateLimitStore store;
    private final long limitsTtlMillis;
    private volatile boolean storeHealthy = true;

    public RateLimiter(OAuthClientRepository clients, RateLimitStore store,
                       @Value("${getbill.rate-limit.client-cache-ttl:30s}") Duration limitsTtl) {
        this.clients = clients;
        this.store = store;
        this.limitsTtlMillis = limitsTtl.toMillis();
    }

    SlidingWindow.Decision acquire(String clientId, RequestClass requestClass) {
        long limit = limitFor(clientId, requestClass);
        Key key = new Key(clientId, requestClass);
        SlidingWindow window = windows.get(key);
        if (window == null) {
            // First request of this client here in the last hour: start from what the other instances counted.
            window = windows.computeIfAbsent(key, k -> loaded(k));
        }
        return window.tryAcquire(limit, System.currentTimeMillis() / 1000);
    }

    private SlidingWindow loaded(Key key) {
        SlidingWindow window = new SlidingWindow();
        long nowBucket = System.currentTimeMillis() / 1000 / SlidingWindow.BUCKET_SECONDS;
        try {
            window.replaceSynced(store.read(List.of(key.clientId()), nowBucket - SlidingWindow.BUCKETS)
                    .getOrDefault(key, new long[0][]));
        } catch (Exception e) {
            LOG.debug("Rate-limit store unreachable while loading {}: {}", key.clientId(), e.toString());
        }
        return window;
    }

    private long limitFor(String clientId, RequestClass requestClass) {
        long now = System.currentTimeMillis();
        Limits l = limits.get(clientId);
        if (l == null || now - l.loadedAtMillis() > limitsTtlMillis) {
            OAuthClient client = clients.findById(clientId).orElse(null);
            l = client == null ? new Limits(0, 0, now) : new Limits(client.readsPerHour(), client.writesPerHour(), now);
            limits.put(clientId, l);
        }
        return requestClass == RequestClass.READ ? l.readsPerHour() : l.writesPerHour();
    }

    /** Flushes this instance's counts and reads every instance's totals back. */
    @Scheduled(fixedDelay = "${getbill.rate-limit.sync-interval:1s}", initialDelay = "1s")
    void sync() {
        long nowBucket = System.currentTimeMillis() / 1000 / SlidingWindow.BUCKET_SECONDS;
        Map<Key, long[][]> increments = new HashMap<>();
        List<String> active = new ArrayList<>();
        windows.forEach((key, window) -> {
            long[][] pending = window.drainPending();
            if (pending.length > 0) {
                increments.put(key, pending);
            }
            if (window.lastUsedEpochSecond() / SlidingWindow.BUCKET_SECONDS > nowBucket - SlidingWindow.BUCKETS) {
                if (!active.contains(key.clientId())) {
                    active.add(key.clientId());
                }
            } else {
                windows.remove(key, window);
            }
        });
        try {
            store.add(increments);
            Map<Key, long[][]> totals = store.read(active, nowBucket - SlidingWindow.BUCKETS);
            windows.forEach((key, window) -> window.replaceSynced(totals.getOrDefault(key, new long[0][])));
            if (!storeHealthy) {
                LOG.info("Rate-limit store reachable again");
                storeHealthy = true;
            }
        } catch (Exception e) {
            if (storeHealthy) {
                LOG.warn("Rate-limit store unreachable; counting per instance until it is back: {}", e.toString());
                storeHealthy = false;
            }
        }
    }

    /** Deletes counters older than two windows (idempotent, so any instance may run it). */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void purge() {
        long nowBucket = System.currentTimeMillis() / 1000 / SlidingWindow.BUCKET_SECONDS;
        try {
            store.purge(nowBucket - 2L * SlidingWindow.BUCKETS);
        } catch (Exception e) {
            LOG.debug("Rate-limit purge failed: {}", e.toString());
        }
    }

    /** Forgets cached per-client limits (after an admin changes them). */
    public void invalidate(String clientId) {
        limits.remove(clientId);
    }
}
