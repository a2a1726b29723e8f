package io.getbill.server.resources.webhooks;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: exponential back-off ({@code initialDelay * 2^(attempt-1)}, at most
 * {@code maxDelay}) with ±20 % jitter so that the retries of many events that failed together (a receiver outage)
 * do not all hit the receiver at the same instant. Retries go on until the retry horizon after the delivery was
 * created has passed (24 h by default: about 30 attempts), then the delivery is given up.
 */
@Singleton
public class RetrySchedule {

    /** The log's {@code attempt} is at most 100 (the contract's bound), whatever the settings. */
    static final int MAX_ATTEMPTS = 100;

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration horizon;

    public RetrySchedule(WebhookSettings settings) {
        this.initialDelay = settings.initialDelay();
        this.maxDelay = settings.maxDelay();
        this.horizon = settings.retryHorizon();
    }

    /** The next attempt after failed attempt number {@code attempt}, or empty to give up. */
    public Optional<Instant> next(int attempt, Instant deliveryCreatedAt, Instant now) {
        if (attempt >= MAX_ATTEMPTS || !now.isBefore(deliveryCreatedAt.plus(horizon))) {
            return Optional.empty();
        }
        return Optional.of(now.plus(delay(attempt)));
    }

    Duration delay(int attempt) {
        long base = initialDelay.toMillis();
        long capped = maxDelay.toMillis();
        long exponential = attempt >= 40 ? capped : Math.min(capped, base << Math.max(0, attempt - 1));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, Math.round(exponential * jitter)));
    }
}
