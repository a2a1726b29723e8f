package io.getbill.server.resources.ratelimit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlidingWindowTest {

    static final long T0 = 1_700_000_000L - (1_700_000_000L % 60); // a minute boundary

    @Test
    void requestsUpToTheLimitAreAdmittedAndTheNextIsRefusedUntilTheOldestMinuteLeavesTheWindow() {
        SlidingWindow w = new SlidingWindow();
        assertEquals(2, w.tryAcquire(3, T0).remaining());
        assertEquals(1, w.tryAcquire(3, T0 + 120).remaining());
        assertEquals(0, w.tryAcquire(3, T0 + 125).remaining());
        SlidingWindow.Decision refused = w.tryAcquire(3, T0 + 130);
        assertFalse(refused.allowed());
        // the request of minute T0 leaves the window at T0 + 3600
        assertEquals(3600 - 130, refused.retryAfterSeconds());
        // the newest counted request (minute T0+120) leaves at T0 + 180 + 3600
        assertEquals(T0 + 180 + 3600, refused.resetEpochSecond());
        assertTrue(w.tryAcquire(3, T0 + 3600).allowed(), "a slot is free once the oldest minute left the window");
        assertFalse(w.tryAcquire(3, T0 + 3601).allowed());
    }

    @Test
    void countsOfOtherInstancesReadFromTheStoreCountTowardsTheLimit() {
        SlidingWindow w = new SlidingWindow();
        long bucket = T0 / 60;
        w.replaceSynced(new long[][]{{bucket - 10, 4}});
        assertEquals(0, w.tryAcquire(5, T0).remaining());
        assertFalse(w.tryAcquire(5, T0).allowed());
    }

    @Test
    void drainedCountsStayVisibleUntilTheStoreTotalsReplaceThem() {
        SlidingWindow w = new SlidingWindow();
        w.tryAcquire(10, T0);
        w.tryAcquire(10, T0);
        long[][] pending = w.drainPending();
        assertEquals(1, pending.length);
        assertEquals(2, pending[0][1]);
        assertEquals(7, w.tryAcquire(10, T0).remaining(), "drained requests still count");
        assertEquals(0, w.drainPending()[0][1] - 1);
        w.replaceSynced(new long[][]{{T0 / 60, 3}});
        assertEquals(6, w.tryAcquire(10, T0).remaining());
    }
}
