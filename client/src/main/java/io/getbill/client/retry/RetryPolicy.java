package io.getbill.client.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long the client waits before sending a request again. Immutable and thread-safe.
 *
 * <p><b>What is retried</b> (decided by the transport, bounded by {@link #maxAttempts()} sends in all):
 * <ul>
 *   <li>a request that is safe to resend — {@code GET}, {@code HEAD}, {@code PUT}, {@code DELETE}, or a
 *       {@code POST} carrying an {@code Idempotency-Key} — after a connection failure or timeout, or a 503;</li>
 *   <li>any request after a 429: the contract checks the rate limit before the content type, validation and
 *       state (order of checks in {@code info.description}), so a refused request had no effect;</li>
 *   <li>never a {@code POST} without {@code Idempotency-Key} after a connection failure or a 503: the caller
 *       gets the error and decides.</li>
 * </ul>
 *
 * <p><b>How long</b>: the server's {@code Retry-After} when it sent one, else exponential back-off
 * ({@link #initialBackoff()} doubled per attempt, capped at {@link #maxBackoff()}, with jitter in its upper
 * half). A {@code Retry-After} longer than {@link #maxRetryAfter()} is not slept through: the error is
 * returned at once (as {@code RateLimitedException} with the wait the server asked for).
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.maxRetryAfter = builder.maxRetryAfter;
    }

    /** 3 attempts, back-off from 200 ms to 5 s, {@code Retry-After} honoured up to 30 s. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** One attempt: nothing is ever resent (the one renewal after {@code invalid_token} still applies). */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sends of one request in all, the first included (at least 1). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Wait before the second attempt when the server gave no {@code Retry-After}. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Longest back-off between two attempts. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Longest {@code Retry-After} the client sleeps through; a longer one ends the retries at once. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The back-off before attempt {@code failedAttempts + 1}: {@code initialBackoff * 2^(failedAttempts-1)},
     * capped at {@code maxBackoff}, then a random point in its upper half (so that many clients do not
     * retry in step).
     *
     * @param failedAttempts attempts made so far (1 after the first failure)
     */
    public Duration backoff(int failedAttempts) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long delay = base;
        for (int i = 1; i < failedAttempts && delay < cap; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, cap);
        long half = delay / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    /** Builds a {@link RetryPolicy}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration maxRetryAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Sends of one request in all, the first included; 1 disables retries. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Wait before the second attempt when the server gave no {@code Retry-After}. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /** Longest back-off between two attempts. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** Longest {@code Retry-After} the client sleeps through. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /** The policy. */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be below initialBackoff");
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return value;
        }
    }
}
