package io.getbill.server.resources.webhooks;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The production back-off: doubling from 30 s with ±20 % jitter, at most 1 h apart, given up after 24 h. */
class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(new WebhookSettings(false, false, 1, Duration.ofMillis(500),
            Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofHours(24), Duration.ofDays(30)));

    @RepeatedTest(20)
    void delayWhenAttemptFailsThenDoublesWithinJitterUpToTheCap() {
        assertBetween(schedule.delay(1), 24_000, 36_000);
        assertBetween(schedule.delay(2), 48_000, 72_000);
        assertBetween(schedule.delay(5), 384_000, 576_000);
        assertBetween(schedule.delay(8), 2_880_000, 4_320_000);
        assertBetween(schedule.delay(60), 2_880_000, 4_320_000);
    }

    @Test
    void retriesWhenReceiverNeverAnswersThenKeepGoingForAtLeast24HoursThenGiveUp() {
        Instant created = Instant.parse("2024-01-15T10:00:00Z");
        Instant now = created;
        int attempt = 1;
        while (true) {
            var next = schedule.next(attempt, created, now);
            if (next.isEmpty()) {
                break;
            }
            now = next.get();
            attempt++;
        }
        assertTrue(!now.isBefore(created.plus(Duration.ofHours(24))), "last attempt at " + now);
        assertTrue(now.isBefore(created.plus(Duration.ofHours(26))), "last attempt at " + now);
        assertTrue(attempt >= 25 && attempt <= 40, "attempts: " + attempt);
    }

    @Test
    void retriesWhenAttemptBoundReachedThenGiveUp() {
        Instant created = Instant.parse("2024-01-15T10:00:00Z");
        assertEquals(true, schedule.next(RetrySchedule.MAX_ATTEMPTS, created, created).isEmpty());
        assertEquals(true, schedule.next(3, created, created.plus(Duration.ofHours(24))).isEmpty());
        assertEquals(false, schedule.next(3, created, created.plus(Duration.ofHours(23))).isEmpty());
    }

    private static void assertBetween(Duration d, long min, long max) {
        assertTrue(d.toMillis() >= min && d.toMillis() <= max, d + " not in [" + min + ", " + max + "] ms");
    }
}
