package io.getbill.server.resources.webhooks;

import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.infrastructure.jobs.ScheduledJobLock;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Deletes what is older than {@code getbill.webhooks.retention} (30 days by default): delivery log rows, finished
 * deliveries (delivered, failed, cancelled) and outbox events already fanned out with no delivery still pending.
 * Runs every {@code getbill.cleanup.interval} on one instance only ({@link ScheduledJobLock}), in batches of 1,000
 * by primary key so that no statement locks a large part of a table while the worker writes to it.
 */
@Singleton
public class WebhookLogRetention {

    static final String JOB = "webhook-log-retention";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookLogRetention.class);
    private static final int BATCH = 1000;

    private final ScheduledJobLock lock;
    private final JdbcOperations jdbc;
    private final WriteTransactions writes;
    private final Duration retention;
    private final Duration interval;

    /** What one run removed; {@code ran} is false when another instance holds the lock. */
    public record Result(boolean ran, int attempts, int deliveries, int events) {
    }

    public WebhookLogRetention(ScheduledJobLock lock, JdbcOperations jdbc, WriteTransactions writes,
                               WebhookSettings settings, @Value("${getbill.cleanup.interval:1h}") Duration interval) {
        this.lock = lock;
        this.jdbc = jdbc;
        this.writes = writes;
        this.retention = settings.retention();
        this.interval = interval;
    }

    @Scheduled(fixedDelay = "${getbill.cleanup.interval:1h}", initialDelay = "${getbill.cleanup.initial-delay:5m}")
    void scheduled() {
        try {
            Result r = run(Instant.now());
            if (r.ran() && (r.attempts() > 0 || r.deliveries() > 0 || r.events() > 0)) {
                LOG.info("Webhook retention removed {} log rows, {} deliveries and {} events", r.attempts(),
                        r.deliveries(), r.events());
            }
        } catch (RuntimeException e) {
            LOG.warn("Webhook retention failed: {}", e.toString());
        }
    }

    /** Runs the clean-up if this instance takes the lock for this period. */
    public Result run(Instant now) {
        if (!lock.tryAcquire(JOB, interval.multipliedBy(9).dividedBy(10))) {
            return new Result(false, 0, 0, 0);
        }
        Timestamp cutoff = Timestamp.from(now.minus(retention));
        int attempts = purge("SELECT id FROM webhook_attempts WHERE created_at < ? LIMIT ?", "webhook_attempts", cutoff);
        int deliveries = purge("SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND updated_ms < ? LIMIT ?",
                "webhook_deliveries", cutoff.getTime());
        int events = purge("SELECT e.id FROM outbox_events e WHERE e.dispatched_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending') LIMIT ?",
                "outbox_events", cutoff);
        return new Result(true, attempts, deliveries, events);
    }

    private int purge(String select, String table, Object cutoff) {
        int total = 0;
        while (true) {
            int removed = writes.run(() -> {
                List<String> ids = jdbc.prepareStatement(select, ps -> {
                    ps.setObject(1, cutoff);
                    ps.setInt(2, BATCH);
                    List<String> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                });
                if (ids.isEmpty()) {
                    return 0;
                }
                String in = String.join(",", Collections.nCopies(ids.size(), "?"));
                return jdbc.prepareStatement("DELETE FROM " + table + " WHERE id IN (" + in + ")", ps -> {
                    for (int i = 0; i < ids.size(); i++) {
                        ps.setString(i + 1, ids.get(i));
                    }
                    return ps.executeUpdate();
                });
            });
            total += removed;
            if (removed < BATCH) {
                return total;
            }
        }
    }
}
