package io.getbill.server.resources.ratelimit;

/**
 * Request counts of one client and one request class over the last hour, in sixty one-minute buckets (a sliding
 * window with minute granularity). Counts come from two sources: what every instance has recorded in the shared
 * store ({@code synced}) and what this instance admitted since its last flush ({@code pending}). Thread-safe.
 */
final class SlidingWindow {

    static final int BUCKETS = 60;
    static final long BUCKET_SECONDS = 60;
    static final long WINDOW_SECONDS = BUCKETS * BUCKET_SECONDS;

    private final long[] syncedCounts = new long[BUCKETS];
    private final long[] syncedBuckets = new long[BUCKETS];
    private final long[] pendingCounts = new long[BUCKETS];
    private final long[] pendingBuckets = new long[BUCKETS];
    private volatile long lastUsedEpochSecond;

    /** The outcome of one admission attempt. */
    record Decision(boolean allowed, long limit, long remaining, long resetEpochSecond, long retryAfterSeconds) {
    }

    /** Admits one request if fewer than {@code limit} were admitted in the last hour, and counts it. */
    synchronized Decision tryAcquire(long limit, long nowEpochSecond) {
        lastUsedEpochSecond = nowEpochSecond;
        long current = nowEpochSecond / BUCKET_SECONDS;
        long used = used(current);
        if (used >= limit) {
            return new Decision(false, limit, 0, reset(current), retryAfter(current, limit, nowEpochSecond));
        }
        int slot = (int) (current % BUCKETS);
        if (pendingBuckets[slot] != current) {
            pendingBuckets[slot] = current;
            pendingCounts[slot] = 0;
        }
        pendingCounts[slot]++;
        return new Decision(true, limit, limit - used - 1, reset(current), 0);
    }

    /** Counts in the window ending in bucket {@code current}. */
    private long used(long current) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += count(i, current);
        }
        return total;
    }

    private long count(int slot, long current) {
        long n = 0;
        if (syncedBuckets[slot] > current - BUCKETS && syncedBuckets[slot] <= current) {
            n += syncedCounts[slot];
        }
        if (pendingBuckets[slot] > current - BUCKETS && pendingBuckets[slot] <= current) {
            n += pendingCounts[slot];
        }
        return n;
    }

    /** When every request now counted has left the window: the end of the newest non-empty bucket plus an hour. */
    private long reset(long current) {
        for (long b = current; b > current - BUCKETS; b--) {
            if (count((int) (b % BUCKETS), current) > 0) {
                return (b + 1) * BUCKET_SECONDS + WINDOW_SECONDS;
            }
        }
        return (current + 1) * BUCKET_SECONDS + WINDOW_SECONDS;
    }

    /** Seconds until enough old buckets have left the window for one more request. */
    private long retryAfter(long current, long limit, long now) {
        long used = used(current);
        for (long b = current - BUCKETS + 1; b <= current; b++) {
            used -= count((int) (b % BUCKETS), current);
            if (used < limit) {
                long leaves = (b + BUCKETS) * BUCKET_SECONDS;
                return Math.max(1, leaves - now);
            }
        }
        return Math.max(1, (current + 1) * BUCKET_SECONDS - now);
    }

    /** Removes and returns this instance's unflushed counts as {bucket, count} pairs. */
    synchronized long[][] drainPending() {
        int n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (pendingCounts[i] > 0) {
                n++;
            }
        }
        long[][] out = new long[n][];
        int k = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (pendingCounts[i] > 0) {
                out[k++] = new long[]{pendingBuckets[i], pendingCounts[i]};
                // The flushed counts stay visible as synced counts until the next read from the store replaces them.
                if (syncedBuckets[i] != pendingBuckets[i]) {
                    syncedBuckets[i] = pendingBuckets[i];
                    syncedCounts[i] = 0;
                }
                syncedCounts[i] += pendingCounts[i];
                pendingCounts[i] = 0;
            }
        }
        return out;
    }

    /** Replaces the synced counts with the totals of every instance read from the store. */
    synchronized void replaceSynced(long[][] bucketCounts) {
        java.util.Arrays.fill(syncedCounts, 0);
        java.util.Arrays.fill(syncedBuckets, 0);
        for (long[] bc : bucketCounts) {
            int slot = (int) (bc[0] % BUCKETS);
            if (bc[0] >= syncedBuckets[slot]) {
                syncedBuckets[slot] = bc[0];
                syncedCounts[slot] = bc[1];
            }
        }
    }

    long lastUsedEpochSecond() {
        return lastUsedEpochSecond;
    }
}
