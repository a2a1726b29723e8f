package io.getbill.server.resources.idempotency;

import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.oauth.bearer.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Safe retries of creates with an {@code Idempotency-Key}, scoped to the OAuth client and the operation and kept
 * 24 hours (draft-ietf-httpapi-idempotency-key-header):
 * <ul>
 *   <li>the first request claims the key (a committed {@code in_progress} row, so that concurrent requests see it),
 *       runs, and stores its answer in the same transaction as what it created;</li>
 *   <li>the same key with the same body replays that answer (same status and body, plus
 *       {@code Idempotent-Replayed: true}) without running anything;</li>
 *   <li>the same key with a different body is a 422; while the first request still runs, a 409;</li>
 *   <li>a request that fails releases its key, so a corrected request may use it again; a claim left behind by a
 *       crashed request lapses after {@link #LEASE} and can then be taken over.</li>
 * </ul>
 * Bodies are compared by a SHA-256 of their canonical JSON (members sorted), so whitespace and member order do
 * not matter.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/">Idempotency-Key header</a>
 */
@Singleton
public class IdempotentWrites {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final WriteTransactions writes;
    private final JsonMapper json;
    private final Caller caller;

    public IdempotentWrites(JdbcOperations jdbc, TransactionOperations<Connection> transactions, WriteTransactions writes,
                            JsonMapper json, Caller caller) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.writes = writes;
        this.json = json;
        this.caller = caller;
    }

    /**
     * Runs {@code work} (in one retried transaction) at most once per key.
     *
     * @param operation the operation id, e.g. {@code createDebt}
     * @param key       the request's {@code Idempotency-Key}, or {@code null} for a plain write
     * @param request   the request body, compared on retries
     * @param type      the answer's body type, to replay a stored answer
     */
    public <T> HttpResponse<T> run(String operation, @Nullable String key, Object request, Class<T> type,
                                   Supplier<MutableHttpResponse<T>> work) {
        if (key == null) {
            return writes.run(work);
        }
        Scope scope = new Scope(caller.clientId(), operation, key);
        String hash = hash(request);
        Stored stored = claim(scope, hash);
        if (stored != null) {
            return replay(stored, type);
        }
        try {
            return writes.run(() -> {
                MutableHttpResponse<T> response = work.get();
                complete(scope, response);
                return response;
            });
        } catch (RuntimeException e) {
            release(scope);
            throw e;
        }
    }

    private record Scope(String clientId, String operation, String key) {
    }

    private record Row(String hash, String state, Integer status, String body, Instant lockedUntil, Instant expiresAt) {
    }

    private record Stored(int status, String body) {
    }

    /** @return the stored answer to replay, or {@code null} when this request now holds the key and must run */
    private Stored claim(Scope scope, String hash) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = Instant.now();
            if (insert(scope, hash, now)) {
                return null;
            }
            Row row = find(scope);
            if (row == null) {
                continue;
            }
            if (!row.expiresAt().isAfter(now)) {
                deleteExpired(scope, now);
                continue;
            }
            if (!row.hash().equals(hash)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key already used for a different request",
                        Map.of(HEADER, List.of("This key was used for a request with a different body")));
            }
            if ("completed".equals(row.state())) {
                return new Stored(row.status(), row.body());
            }
            if (row.lockedUntil().isAfter(now) || !takeOver(scope, now)) {
                throw inProgress();
            }
            return null;
        }
        throw inProgress();
    }

    private static ApiException inProgress() {
        return new ApiException(HttpStatus.CONFLICT, "A request with this Idempotency-Key is still being processed",
                Map.of(HEADER, List.of("A request with this key is still being processed; retry later")));
    }

    private boolean insert(Scope scope, String hash, Instant now) {
        try {
            transactions.executeWrite(tx -> jdbc.prepareStatement("""
                    INSERT INTO idempotency_keys (client_id, operation, idempotency_key, company_id, request_hash, state,
                        locked_until, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, 'in_progress', ?, ?, ?)""", ps -> {
                ps.setString(1, scope.clientId());
                ps.setString(2, scope.operation());
                ps.setString(3, scope.key());
                ps.setString(4, caller.companyId());
                ps.setString(5, hash);
                ps.setTimestamp(6, Timestamp.from(now.plus(LEASE)));
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setTimestamp(8, Timestamp.from(now.plus(RETENTION)));
                return ps.executeUpdate();
            }));
            return true;
        } catch (RuntimeException e) {
            if (WriteTransactions.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private Row find(Scope scope) {
        return transactions.executeRead(tx -> jdbc.prepareStatement("""
                SELECT request_hash, state, response_status, response_body, locked_until, expires_at
                FROM idempotency_keys WHERE client_id = ? AND operation = ? AND idempotency_key = ?""", ps -> {
            bind(ps, scope);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                int status = rs.getInt(3);
                return new Row(rs.getString(1), rs.getString(2), rs.wasNull() ? null : status, rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
            }
        }));
    }

    private void deleteExpired(Scope scope, Instant now) {
        transactions.executeWrite(tx -> jdbc.prepareStatement("""
                DELETE FROM idempotency_keys
                WHERE client_id = ? AND operation = ? AND idempotency_key = ? AND expires_at <= ?""", ps -> {
            bind(ps, scope);
            ps.setTimestamp(4, Timestamp.from(now));
            return ps.executeUpdate();
        }));
    }

    private boolean takeOver(Scope scope, Instant now) {
        return transactions.executeWrite(tx -> jdbc.prepareStatement("""
                UPDATE idempotency_keys SET locked_until = ?
                WHERE client_id = ? AND operation = ? AND idempotency_key = ? AND state = 'in_progress' AND locked_until <= ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now.plus(LEASE)));
            ps.setString(2, scope.clientId());
            ps.setString(3, scope.operation());
            ps.setString(4, scope.key());
            ps.setTimestamp(5, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }));
    }

    /** Runs inside the work's transaction: the answer is stored if and only if what it created is. */
    private void complete(Scope scope, HttpResponse<?> response) {
        String body;
        try {
            body = json.writeValueAsString(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.prepareStatement("""
                UPDATE idempotency_keys SET state = 'completed', response_status = ?, response_body = ?
                WHERE client_id = ? AND operation = ? AND idempotency_key = ?""", ps -> {
            ps.setInt(1, response.code());
            ps.setString(2, body);
            ps.setString(3, scope.clientId());
            ps.setString(4, scope.operation());
            ps.setString(5, scope.key());
            return ps.executeUpdate();
        });
    }

    private void release(Scope scope) {
        try {
            transactions.executeWrite(tx -> jdbc.prepareStatement("""
                    DELETE FROM idempotency_keys
                    WHERE client_id = ? AND operation = ? AND idempotency_key = ? AND state = 'in_progress'""", ps -> {
                bind(ps, scope);
                return ps.executeUpdate();
            }));
        } catch (RuntimeException ignored) {
            // The claim then lapses after its lease.
        }
    }

    private <T> HttpResponse<T> replay(Stored stored, Class<T> type) {
        try {
            T body = json.readValue(stored.body(), type);
            return HttpResponse.<T>status(HttpStatus.valueOf(stored.status())).body(body).header(REPLAYED_HEADER, "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bind(java.sql.PreparedStatement ps, Scope scope) throws java.sql.SQLException {
        ps.setString(1, scope.clientId());
        ps.setString(2, scope.operation());
        ps.setString(3, scope.key());
    }

    /** SHA-256 of the request's canonical JSON: object members sorted by name, no insignificant whitespace. */
    String hash(Object request) {
        try {
            Object canonical = canonical(json.writeValueToTree(request));
            byte[] bytes = json.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.entries().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.values().forEach(v -> list.add(canonical(v)));
            return list;
        }
        if (node.isNumber()) {
            return node.getBigDecimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        return null;
    }
}
