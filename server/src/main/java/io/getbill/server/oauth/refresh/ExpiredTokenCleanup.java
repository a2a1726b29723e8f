package io.getbill.server.oauth.refresh;

import io.getbill.server.infrastructure.jobs.ScheduledJobLock;

import io.getbill.server.oauth.refresh.RefreshTokenStore;
import io.getbill.server.oauth.denylist.TokenRevocations;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Deletes expired refresh tokens and expired denylist rows every {@code getbill.cleanup.interval} (default 1 h), on
 * one instance only ({@link ScheduledJobLock}). Refresh tokens go in batches of 1,000 by primary key, so that no
 * statement holds locks on a large part of the table while tokens are being issued.
 */
@Singleton
public class ExpiredTokenCleanup {

    static final String JOB = "expired-token-cleanup";
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredTokenCleanup.class);
    private static final int BATCH = 1000;

    private final ScheduledJobLock lock;
    private final RefreshTokenStore refreshTokens;
    private final TokenRevocations revocations;
    private final Duration interval;

    /** What one run removed; {@code ran} is false when another instance holds the lock. */
    public record Result(boolean ran, int refreshTokens, int revocations) {
    }

    public ExpiredTokenCleanup(ScheduledJobLock lock, RefreshTokenStore refreshTokens, TokenRevocations revocations,
                               @Value("${getbill.cleanup.interval:1h}") Duration interval) {
        this.lock = lock;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.interval = interval;
    }

    @Scheduled(fixedDelay = "${getbill.cleanup.interval:1h}", initialDelay = "${getbill.cleanup.initial-delay:5m}")
    void scheduled() {
        try {
            Result result = run();
            if (result.ran() && (result.refreshTokens() > 0 || result.revocations() > 0)) {
                LOG.info("Clean-up removed {} expired refresh tokens and {} expired revocations",
                        result.refreshTokens(), result.revocations());
            }
        } catch (RuntimeException e) {
            LOG.warn("Clean-up of expired tokens failed: {}", e.toString());
        }
    }

    /** Runs the clean-up if this instance takes the lock for this period. */
    public Result run() {
        // Hold the lock for most of the period: the other instances skip this period's run.
        if (!lock.tryAcquire(JOB, interval.multipliedBy(9).dividedBy(10))) {
            return new Result(false, 0, 0);
        }
        int tokens = 0;
        int removed;
        do {
            removed = refreshTokens.deleteExpired(BATCH);
            tokens += removed;
        } while (removed == BATCH);
        return new Result(true, tokens, revocations.deleteExpired());
    }
}
