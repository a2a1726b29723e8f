package io.getbill.server.admin.session;

import io.getbill.server.infrastructure.jobs.ScheduledJobLock;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Deletes ended admin sessions every {@code getbill.admin.session.cleanup-interval} (default 15m) on one instance
 * ({@link ScheduledJobLock}). Ended sessions are refused whether or not they are deleted; this only keeps the table
 * small.
 */
@Singleton
public class AdminSessionCleanup {

    static final String JOB = "admin-session-cleanup";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSessionCleanup.class);

    private final ScheduledJobLock lock;
    private final AdminSessionStore store;
    private final Duration interval;

    public AdminSessionCleanup(ScheduledJobLock lock, AdminSessionStore store,
                               @Value("${getbill.admin.session.cleanup-interval:15m}") Duration interval) {
        this.lock = lock;
        this.store = store;
        this.interval = interval;
    }

    @Scheduled(fixedDelay = "${getbill.admin.session.cleanup-interval:15m}", initialDelay = "${getbill.admin.session.cleanup-interval:15m}")
    void scheduled() {
        try {
            if (lock.tryAcquire(JOB, interval.multipliedBy(9).dividedBy(10))) {
                int removed = store.deleteEnded();
                if (removed > 0) {
                    LOG.info("Removed {} ended admin sessions", removed);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Clean-up of admin sessions failed: {}", e.toString());
        }
    }
}
