package io.getbill.server.infrastructure.persistence;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs a write in one transaction and retries it when the database chose it as a deadlock victim or timed out on
 * a lock: two batches that share debtors can lock them in opposite orders, and the client must not see a 5xx for
 * that. The work must be safe to run again (it only touches the database).
 */
@Singleton
public class WriteTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(WriteTransactions.class);
    private static final int ATTEMPTS = 4;

    private final TransactionOperations<Connection> transactions;

    public WriteTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public <T> T run(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> work.get());
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                LOG.info("Retrying a write after a transient database failure (attempt {}): {}", attempt, e.toString());
                try {
                    Thread.sleep(5L * attempt + (long) (Math.random() * 10));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** MySQL/MariaDB deadlock (1213, SQLState 40001) or lock wait timeout (1205); H2 deadlock or lock timeout. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if ("40001".equals(state) || code == 1213 || code == 1205 || code == 50200 || code == 40001) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A duplicate key (SQLState 23000 on MySQL/MariaDB, 23505 on H2). */
    public static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("23505".equals(state) || sql.getErrorCode() == 1062 || (state != null && state.equals("23000") && sql.getErrorCode() == 1062)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
