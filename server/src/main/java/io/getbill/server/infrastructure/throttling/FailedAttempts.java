package io.getbill.server.infrastructure.throttling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.getbill.server.infrastructure.config.ClockTicker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed attempts per key (a client id, an email, a source address) in fixed windows: the first failure opens a
 * window, later failures within it add up, and a key that reached its limit stays refused until its window ends.
 * What the authentication throttles of the token endpoint and of the admin sign-in share.
 *
 * <p>The windows live in a Caffeine cache: each entry expires when its window ends, and at most
 * {@value #MAX_TRACKED} keys are tracked. When that bound is reached, Caffeine's frequency-based admission evicts
 * single entries, preferring the keys seen least often; a flood of new keys (each failing once) therefore does not
 * push out the counter of a key that is failing repeatedly, and the cache never empties itself.
 */
public final class FailedAttempts {

    static final int MAX_TRACKED = 100_000;

    private final long windowNanos;
    private final Clock clock;
    private final Cache<String, Window> windows;

    private static final class Window {
        final long startNanos;
        final AtomicInteger failures = new AtomicInteger();

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    public FailedAttempts(Duration window, Clock clock) {
        this(window, clock, MAX_TRACKED);
    }

    FailedAttempts(Duration window, Clock clock, int maxTracked) {
        this.windowNanos = window.toNanos();
        this.clock = clock;
        // Expiry from the write only: counting a failure reads the window, so it never extends it.
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxTracked)
                .expireAfterWrite(window)
                .ticker(ClockTicker.of(clock))
                .executor(Runnable::run)
                .build();
    }

    /**
     * Whole seconds (at least 1) until {@code key} may try again when it has reached {@code limit} failures in its
     * current window; 0 when it is not over the limit (or {@code key} is {@code null}).
     */
    public long retryAfterSeconds(String key, int limit) {
        if (key == null) {
            return 0;
        }
        Window window = windows.getIfPresent(key);
        if (window == null || window.failures.get() < limit) {
            return 0;
        }
        long left = window.startNanos + windowNanos - now();
        return left <= 0 ? 0 : Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    /** Counts one failure of {@code key} (ignored when {@code null}). */
    public void record(String key) {
        if (key == null) {
            return;
        }
        windows.get(key, k -> new Window(now())).failures.incrementAndGet();
    }

    /** Drops the windows that have ended (Caffeine also does this as the cache is used). */
    public void prune() {
        windows.cleanUp();
    }

    /** Forgets every failure. */
    public void clear() {
        windows.invalidateAll();
    }

    /** How many keys are tracked now (after pending maintenance). */
    long tracked() {
        windows.cleanUp();
        return windows.estimatedSize();
    }

    private long now() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
