package io.getbill.server.oauth.refresh;

import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stores the refresh tokens of new families with <em>group commit</em>: the requests that arrive while one batch is
 * being written wait together and are written by the next batch — one transaction (one durable commit) and one
 * round of statements for all of them — instead of one autocommitted INSERT each. Every caller still returns only
 * after its own row is committed: nothing is acknowledged before it is durable.
 *
 * <p>Why: issuing to a client with the {@code refresh_token} grant is one INSERT per token; at thousands of tokens
 * a second, per-statement and per-commit overhead (connection borrow, statement set-up, log write) dominates both
 * the server's and the database's CPU. With 32 concurrent requests, batches hold a dozen rows or more. A batch is
 * one multi-row {@code INSERT} written with plain JDBC: through the repository's {@code saveAll} (an entity binding
 * per row, then one execution per row) the writer took as much CPU as the rest of the issuance.
 *
 * <p>A batch that fails as a whole (anything but a transient deadlock, which {@link WriteTransactions} retries) is
 * written again row by row, so that each caller gets its own outcome. Rotations do not come here: their INSERT
 * belongs to the transaction that marks the presented token used ({@link RefreshTokenStore#rotate}).
 */
@Singleton
public class RefreshTokenWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenWriter.class);
    /** Rows per transaction at most: bounds the statement (10 parameters a row) and the time the first waiter waits. */
    static final int MAX_BATCH = 256;

    private static final String INSERT = "INSERT INTO refresh_tokens"
            + " (token_hash, family_id, client_id, company_id, scope, issued_at, expires_at, used, revoked, user_id) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final WriteTransactions writes;
    private final JdbcOperations jdbc;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    public RefreshTokenWriter(WriteTransactions writes, JdbcOperations jdbc) {
        this.writes = writes;
        this.jdbc = jdbc;
        this.writer = new Thread(this::writeLoop, "getbill-refresh-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Stores {@code row}; returns once it is committed, or throws what storing it threw. */
    public void insert(RefreshToken row) {
        Pending pending = new Pending(row, new CompletableFuture<>());
        boolean queued;
        synchronized (this) { // against close(): once it has run, nothing is queued that the writer would not see
            queued = !closed && queue.add(pending);
        }
        if (!queued) {
            writes.run(() -> insertAll(List.of(pending))); // shutting down: no batching, still a durable row
            return;
        }
        try {
            pending.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                synchronized (this) {
                    closed = true; // stop taking new rows; the loop still writes those already queued
                }
            } catch (RuntimeException | Error e) {
                batch.forEach(p -> p.done().completeExceptionally(e)); // never leave a caller waiting
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            writes.run(() -> insertAll(batch));
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(batchFailure);
                return;
            }
            LOG.warn("A batch of {} refresh tokens failed ({}); storing them one by one", batch.size(),
                    batchFailure.toString());
            for (Pending p : batch) {
                try {
                    writes.run(() -> insertAll(List.of(p)));
                    p.done().complete(null);
                } catch (RuntimeException e) {
                    p.done().completeExceptionally(e);
                }
            }
        }
    }

    private int insertAll(List<Pending> batch) {
        StringBuilder sql = new StringBuilder(INSERT.length() + batch.size() * (ROW.length() + 2)).append(INSERT);
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        return jdbc.prepareStatement(sql.toString(), statement -> {
            int column = 0;
            for (Pending pending : batch) {
                column = bind(statement, column, pending.row());
            }
            return statement.executeUpdate();
        });
    }

    private static int bind(PreparedStatement statement, int column, RefreshToken row) throws SQLException {
        statement.setString(++column, row.tokenHash());
        statement.setString(++column, row.familyId());
        statement.setString(++column, row.clientId());
        statement.setString(++column, row.companyId());
        statement.setString(++column, row.scope());
        statement.setTimestamp(++column, Timestamp.from(row.issuedAt())); // as Micronaut Data binds an Instant
        statement.setTimestamp(++column, Timestamp.from(row.expiresAt()));
        statement.setBoolean(++column, row.used());
        statement.setBoolean(++column, row.revoked());
        statement.setString(++column, row.userId());
        return column;
    }

    /**
     * Writes what is queued, then stops the writer; later inserts are written directly. Runs when the context starts
     * stopping, while the data source is still open (not at {@code @PreDestroy}, which may come after it closed).
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
        }
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    private record Pending(RefreshToken row, CompletableFuture<Void> done) {
    }
}
