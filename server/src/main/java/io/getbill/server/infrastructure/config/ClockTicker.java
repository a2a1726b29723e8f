package io.getbill.server.infrastructure.config;

import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Instant;

/**
 * A Caffeine {@link Ticker} that reads the server's {@link Clock} bean, so that the expiry of every in-memory cache
 * follows the same time as the rest of the server and a test moves it by moving its clock instead of sleeping.
 */
public final class ClockTicker implements Ticker {

    private final Clock clock;

    private ClockTicker(Clock clock) {
        this.clock = clock;
    }

    public static Ticker of(Clock clock) {
        return new ClockTicker(clock);
    }

    /** Nanoseconds since the epoch according to the clock. */
    @Override
    public long read() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
