package io.getbill.server.infrastructure.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock the server reads time from: UTC system time in production. Every class that needs "now" takes this
 * bean instead of calling {@code Instant.now()} or {@code System.currentTimeMillis()}, so a test can replace it with
 * a clock it moves by hand ({@code @Replaces(Clock.class)}) instead of sleeping.
 */
@Factory
public class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
