package io.getbill.server.infrastructure.throttling;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed attempts per key (a client id, an email, a source address) in fixed windows: the first failure opens a
 * window, later failures within it add up, and a key that reached its limit stays refused until its window ends.
 * What the authentication throttles of the token endpoint and of the admin sign-in share.
 *
 * <p>Memory is bounded: at most {@value #MAX_TRACKED} keys are tracked; beyond that, ended windows are pruned and, if
 * none has ended, new keys are not counted (an attacker who floods keys gains nothing over one that does not: each
 * key still needs its own failures).
 */
public final class FailedAttempts {

    static final int MAX_TRACKED = 100_000;

    private final long windowMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final long startMillis;
        final AtomicInteger failures = new AtomicInteger();

        Window(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    public FailedAttempts(Duration window) {
        this.windowMillis = window.toMillis();
    }

    /**
     * Whole seconds (at least 1) until {@code key} may try again when it has reached {@code limit} failures in its
     * current window; 0 when it is not over the limit (or {@code key} is {@code null}).
     */
    public long retryAfterSeconds(String key, int limit, long nowMillis) {
        if (key == null) {
            return 0;
        }
        Window window = windows.get(key);
        if (window == null) {
            return 0;
        }
        long ends = window.startMillis + windowMillis;
        if (nowMillis < ends && window.failures.get() >= limit) {
            return Math.max(1, (ends - nowMillis + 999) / 1000);
        }
        return 0;
    }

    /** Counts one failure of {@code key} (ignored when {@code null}). */
    public void record(String key, long nowMillis) {
        if (key == null) {
            return;
        }
        if (windows.size() >= MAX_TRACKED && !windows.containsKey(key)) {
            prune(nowMillis);
            if (windows.size() >= MAX_TRACKED) {
                return;
            }
        }
        windows.compute(key, (k, w) -> w == null || nowMillis >= w.startMillis + windowMillis ? new Window(nowMillis) : w)
                .failures.incrementAndGet();
    }

    /** Drops the windows that have ended. */
    public void prune(long nowMillis) {
        windows.values().removeIf(w -> nowMillis >= w.startMillis + windowMillis);
    }

    /** Forgets every failure. */
    public void clear() {
        windows.clear();
    }
}
