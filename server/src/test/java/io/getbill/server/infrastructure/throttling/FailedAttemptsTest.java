package io.getbill.server.infrastructure.throttling;

import io.getbill.server.infrastructure.config.AdjustableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailedAttemptsTest {

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2024-01-15T10:00:00Z"));

    @Test
    void keyAtItsLimitIsRefusedUntilItsWindowEndsWithTheSecondsLeft() {
        FailedAttempts attempts = new FailedAttempts(Duration.ofSeconds(60), clock);
        attempts.record("acme");
        clock.advance(Duration.ofSeconds(1));
        attempts.record("acme");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, attempts.retryAfterSeconds("acme", 3), "below the limit");
        attempts.record("acme");
        assertEquals(58, attempts.retryAfterSeconds("acme", 3));
        clock.advance(Duration.ofMillis(57_999));
        assertEquals(1, attempts.retryAfterSeconds("acme", 3), "never 0 while refused");
        clock.advance(Duration.ofMillis(1));
        assertEquals(0, attempts.retryAfterSeconds("acme", 3), "the window has ended");
    }

    @Test
    void failureAfterTheWindowOpensANewWindowAndKeysAreIndependent() {
        FailedAttempts attempts = new FailedAttempts(Duration.ofSeconds(10), clock);
        attempts.record("a");
        clock.advance(Duration.ofSeconds(10));
        attempts.record("a");
        assertEquals(0, attempts.retryAfterSeconds("a", 2), "the old window's failure no longer counts");
        clock.advance(Duration.ofSeconds(1));
        attempts.record("a");
        assertEquals(9, attempts.retryAfterSeconds("a", 2));
        assertEquals(0, attempts.retryAfterSeconds("b", 1));
    }

    @Test
    void nullKeysAreNeitherCountedNorRefusedAndPruneAndClearForget() {
        FailedAttempts attempts = new FailedAttempts(Duration.ofSeconds(10), clock);
        attempts.record(null);
        assertEquals(0, attempts.retryAfterSeconds(null, 1));
        attempts.record("a");
        clock.advance(Duration.ofSeconds(10));
        attempts.prune();
        assertEquals(0, attempts.tracked(), "pruned once its window ended");
        attempts.record("b");
        attempts.clear();
        assertEquals(0, attempts.retryAfterSeconds("b", 1));
    }

    @Test
    void floodOfNewKeysWhenFullKeepsTheRepeatedlyFailingKeyAndTheBound() {
        FailedAttempts attempts = new FailedAttempts(Duration.ofMinutes(15), clock, 100);
        for (int i = 0; i < 5; i++) {
            attempts.record("victim@acme.example");
            attempts.retryAfterSeconds("victim@acme.example", 5);
        }
        for (int i = 0; i < 1_000; i++) {
            attempts.record("flood-" + i);
            if (i % 10 == 0) {
                // the guessing goes on beside the flood, and is refused
                attempts.retryAfterSeconds("victim@acme.example", 5);
            }
        }
        assertTrue(attempts.tracked() <= 100, "bounded: " + attempts.tracked());
        assertTrue(attempts.tracked() >= 50, "evicted one by one, never emptied: " + attempts.tracked());
        assertTrue(attempts.retryAfterSeconds("victim@acme.example", 5) > 0, "the attacked key is still refused");
    }
}
