package io.getbill.server.oauth.keys;

import io.getbill.server.infrastructure.jobs.ScheduledJobLock;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Rotates the signing key on a schedule and keeps every instance's keys current. Every
 * {@code getbill.signing.check-interval} (default 1 min) each instance reloads the keys from the database; when the
 * newest key is older than {@code getbill.signing.rotation-period} (default 30 days), the one instance that takes
 * the {@link ScheduledJobLock} creates a new key that signs from {@code getbill.signing.publish-ahead} (default
 * 3 min, which must exceed the check interval) later — by then every instance has loaded and published it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
 */
@Singleton
public class SigningKeyRotation {

    static final String JOB = "signing-key-rotation";
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyRotation.class);

    private final SigningKeys keys;
    private final ScheduledJobLock lock;
    private final Duration period;
    private final Duration checkInterval;
    private final Duration publishAhead;

    public SigningKeyRotation(SigningKeys keys, ScheduledJobLock lock,
                              @Value("${getbill.signing.rotation-period:30d}") Duration period,
                              @Value("${getbill.signing.check-interval:1m}") Duration checkInterval,
                              @Value("${getbill.signing.publish-ahead:3m}") Duration publishAhead) {
        this.keys = keys;
        this.lock = lock;
        this.period = period;
        this.checkInterval = checkInterval;
        this.publishAhead = publishAhead;
        if (publishAhead.compareTo(checkInterval) <= 0) {
            LOG.warn("getbill.signing.publish-ahead ({}) should exceed getbill.signing.check-interval ({})",
                    publishAhead, checkInterval);
        }
    }

    @Scheduled(fixedDelay = "${getbill.signing.check-interval:1m}", initialDelay = "${getbill.signing.check-interval:1m}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Signing-key check failed: {}", e.toString());
        }
    }

    /** Reloads the keys and rotates them when due (once across instances); returns whether it rotated. */
    public boolean run() {
        keys.reload();
        if (keys.rotationDue(period) && lock.tryAcquire(JOB, checkInterval)) {
            return keys.rotateIfDue(period, publishAhead);
        }
        return false;
    }
}
