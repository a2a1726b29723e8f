package io.getbill.server.infrastructure.throttling;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailedAttemptsTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void keyAtItsLimitIsRefusedUntilItsWindowEndsWithTheSecondsLeft() {
        FailedAttempts attempts = new FailedAttempts(Duration.ofSeconds(60));
        attempts.record("acme", T0);
        attempts.record("acme", T0 + 1_000);
        assertEquals(0, attempts.retryAfterSeconds("acme", 3, T0 + 2_000), "below the limit");
        attempts.record("acme", T0 + 2_000);
        assertEquals(58, attempts.retryAfterSeconds("acme", 3, T0 + 2_000));
        assertEquals(1, attempts.retryAfterSeconds("acme", 3, T0 + 59_999), "never 0 while refused");
        assertEquals(0, attempts.retryAfterSeconds("acme", 3, T0 + 60_000), "the window has ended");
    }

    @Test
    void failureAfterTheWindowOpensANewWindowAndKeysAreIndependent() {
        FailedAttempts attempts = new FailedAttempts(Duration.ofSeconds(10));
        attempts.record("a", T0);
        attempts.record("a", T0 + 10_000);
        assertEquals(0, attempts.retryAfterSeconds("a", 2, T0 + 10_000), "the old window's failure no longer counts");
        attempts.record("a", T0 + 11_000);
        assertEquals(9, attempts.retryAfterSeconds("a", 2, T0 + 11_000));
        assertEquals(0, attempts.retryAfterSeconds("b", 1, T0 + 11_000));
    }

    @Test
    void nullKeysAreNeitherCountedNorRefusedAndPruneAndClearForget() {
        FailedAttempts attempts = new FailedAttempts(Duration.ofSeconds(10));
        attempts.record(null, T0);
        assertEquals(0, attempts.retryAfterSeconds(null, 1, T0));
        attempts.record("a", T0);
        attempts.prune(T0 + 10_000);
        assertEquals(0, attempts.retryAfterSeconds("a", 1, T0 + 1_000), "pruned once its window ended");
        attempts.record("b", T0);
        attempts.clear();
        assertEquals(0, attempts.retryAfterSeconds("b", 1, T0));
    }
}
