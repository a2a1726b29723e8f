package io.getbill.server.infrastructure.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Gives the server of a test that waits for time to pass (a throttle window, a rotation period, a lock's hold) an
 * {@link AdjustableClock} in place of the system clock, so the test advances it instead of sleeping. A test asks for it
 * with the property {@value #PROPERTY} and injects {@code AdjustableClock}.
 */
@Factory
@Requires(property = AdjustableClockFactory.PROPERTY, value = "true")
public class AdjustableClockFactory {

    public static final String PROPERTY = "getbill.test.adjustable-clock";

    @Singleton
    @Replaces(value = Clock.class, factory = ClockFactory.class)
    AdjustableClock clock() {
        return new AdjustableClock(Instant.now());
    }
}
