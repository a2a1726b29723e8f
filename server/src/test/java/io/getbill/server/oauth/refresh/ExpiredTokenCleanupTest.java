package io.getbill.server.oauth.refresh;

import io.getbill.server.infrastructure.jobs.JobLockRepository;
import io.getbill.server.infrastructure.jobs.ScheduledJobLock;

import io.getbill.server.oauth.refresh.RefreshToken;
import io.getbill.server.oauth.refresh.RefreshTokenRepository;
import io.getbill.server.oauth.denylist.TokenRevocation;
import io.getbill.server.oauth.denylist.TokenRevocationRepository;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled clean-up of expired refresh tokens and denylist rows, and the lock that makes it run once; on
 * MariaDB and on H2.
 */
abstract class ExpiredTokenCleanupTest extends ServerTest {

    @Inject
    ExpiredTokenCleanup cleanup;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    TokenRevocationRepository revocations;

    @Inject
    JobLockRepository locks;

    private static String randomHash() {
        return HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 64);
    }

    private RefreshToken refreshToken(Instant expiresAt) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return refreshTokens.save(new RefreshToken(randomHash(), "family-" + UUID.randomUUID().toString().substring(0, 8),
                TestClients.PARTNER_ID, "company", "debts:read", now.minus(Duration.ofDays(31)), expiresAt, false, false, null, null));
    }

    @Test
    void cleanupRemovesExpiredRowsOnlyAndRunsOncePerPeriod() {
        Instant past = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        Instant future = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MICROS);
        List<String> expired = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) { // more than two batches
            expired.add(refreshToken(past).tokenHash());
        }
        String live = refreshToken(future).tokenHash();
        TokenRevocation oldRevocation = revocations.save(new TokenRevocation(null, TokenRevocation.ACCESS_TOKEN,
                UUID.randomUUID().toString(), TestClients.FULL_ID, past, past));
        TokenRevocation liveRevocation = revocations.save(new TokenRevocation(null, TokenRevocation.ACCESS_TOKEN,
                UUID.randomUUID().toString(), TestClients.FULL_ID, past, future));

        ExpiredTokenCleanup.Result result = cleanup.run();
        assertTrue(result.ran());
        assertTrue(result.refreshTokens() >= expired.size(), "removed " + result.refreshTokens());
        assertTrue(result.revocations() >= 1);
        assertFalse(refreshTokens.existsById(expired.get(0)));
        assertFalse(refreshTokens.existsById(expired.get(expired.size() - 1)));
        assertTrue(refreshTokens.existsById(live), "a live refresh token stays");
        assertFalse(revocations.existsById(oldRevocation.seq()));
        assertTrue(revocations.existsById(liveRevocation.seq()), "a live revocation stays");

        String stillExpired = refreshToken(past).tokenHash();
        assertFalse(cleanup.run().ran(), "the lock is held for this period: no second run");
        assertTrue(refreshTokens.existsById(stillExpired));
    }

    @Test
    void jobLockIsTakenByExactlyOneInstanceUntilItsHoldEnds() throws Exception {
        ScheduledJobLock one = new ScheduledJobLock(locks);
        ScheduledJobLock two = new ScheduledJobLock(locks);
        String job = "test-job-" + UUID.randomUUID().toString().substring(0, 8);
        // A 3 s hold: the two refusals below must fall inside it even on a loaded CI machine (800 ms did not).
        assertTrue(one.tryAcquire(job, Duration.ofSeconds(3)), "a job without a row gets one");
        assertFalse(two.tryAcquire(job, Duration.ofSeconds(3)));
        assertFalse(one.tryAcquire(job, Duration.ofSeconds(3)), "not re-entrant within the hold");
        Thread.sleep(3_200);
        assertTrue(two.tryAcquire(job, Duration.ofSeconds(10)));
        assertEquals(two.owner(), locks.findById(job).orElseThrow().lockedBy());
    }
}
