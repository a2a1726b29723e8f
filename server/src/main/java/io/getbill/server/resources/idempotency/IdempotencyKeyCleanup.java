package io.getbill.server.resources.idempotency;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;

/** Deletes expired {@code Idempotency-Key} records (older than 24 hours), in small chunks to keep locks short. */
@Singleton
public class IdempotencyKeyCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);
    private static final int CHUNK = 1000;

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    public IdempotencyKeyCleanup(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelay = "${getbill.idempotency.cleanup-interval:10m}", initialDelay = "1m")
    void scheduled() {
        try {
            int deleted = deleteExpired(Instant.now());
            if (deleted > 0) {
                LOG.info("Deleted {} expired idempotency keys", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Idempotency key clean-up failed; retrying at the next run", e);
        }
    }

    /** @return how many expired records were deleted */
    public int deleteExpired(Instant now) {
        int total = 0;
        while (true) {
            int deleted = transactions.executeWrite(tx -> jdbc.prepareStatement(
                    "DELETE FROM idempotency_keys WHERE expires_at <= ? LIMIT " + CHUNK, ps -> {
                        ps.setTimestamp(1, Timestamp.from(now));
                        return ps.executeUpdate();
                    }));
            total += deleted;
            if (deleted < CHUNK) {
                return total;
            }
        }
    }
}
