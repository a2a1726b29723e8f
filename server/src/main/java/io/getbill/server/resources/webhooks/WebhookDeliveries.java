package io.getbill.server.resources.webhooks;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The database side of delivery, safe with any number of instances on one database:
 * <ul>
 *   <li><b>fan-out</b>: an outbox event becomes one delivery per enabled endpoint of its company subscribed to its
 *       type; taking the event is a conditional {@code UPDATE ... SET dispatched_at WHERE dispatched_at IS NULL}
 *       in the same transaction as the inserts, so exactly one instance fans each event out;</li>
 *   <li><b>claim</b>: due deliveries are leased with one conditional {@code UPDATE} (status pending, due, lease
 *       free or expired) under a fresh claim token, then read back by that token — an instance gets only the rows
 *       its own UPDATE changed, so two instances never hold the same attempt at once, and a lease whose instance
 *       died expires and the delivery is retried (at-least-once);</li>
 *   <li><b>finish</b>: the attempt's log row and the delivery's next state are written in one transaction.</li>
 * </ul>
 * Plain SQL that MariaDB, MySQL and H2 all run (no {@code SKIP LOCKED}, which MariaDB has only from 10.6).
 */
@Singleton
public class WebhookDeliveries {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    private final JdbcOperations jdbc;
    private final WriteTransactions writes;
    private final WebhookEndpointRepository endpoints;

    public WebhookDeliveries(JdbcOperations jdbc, WriteTransactions writes, WebhookEndpointRepository endpoints) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.endpoints = endpoints;
    }

    /** A claimed delivery with what the attempt needs: the stored envelope and the endpoint's sealed secret. */
    public record Claimed(String id, String companyId, String eventId, String eventType, String endpointId,
                          String endpointUrl, boolean endpointEnabled, String secretSealed, String envelope,
                          int attempt, Instant createdAt, String claimToken) {
    }

    /** The result of one attempt. */
    public record Attempt(boolean success, @Nullable Integer statusCode, int latencyMs, @Nullable String error,
                          Instant at) {
    }

    private record PendingEvent(String id, String companyId, String type) {
    }

    /** Fans out up to {@code limit} undispatched events, oldest first; the number of events taken. */
    public int fanOut(int limit, Instant now) {
        List<PendingEvent> events = writes.run(() -> jdbc.prepareStatement(
                "SELECT id, company_id, type FROM outbox_events WHERE dispatched_at IS NULL ORDER BY created_at, id LIMIT ?",
                ps -> {
                    ps.setInt(1, limit);
                    List<PendingEvent> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new PendingEvent(rs.getString(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                    return out;
                }));
        if (events.isEmpty()) {
            return 0;
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Map<String, List<PendingEvent>> byCompany = events.stream().collect(Collectors.groupingBy(PendingEvent::companyId));
        int taken = 0;
        for (Map.Entry<String, List<PendingEvent>> company : byCompany.entrySet()) {
            taken += writes.run(() -> {
                List<WebhookEndpoint> enabled = endpoints.findEnabledByCompany(company.getKey());
                int mine = 0;
                for (PendingEvent e : company.getValue()) {
                    if (!take(e.id(), at)) {
                        continue; // another instance fanned it out
                    }
                    mine++;
                    for (WebhookEndpoint endpoint : enabled) {
                        if (endpoint.subscribesTo(e.type())) {
                            insertDelivery(e, endpoint.id(), at);
                        }
                    }
                }
                return mine;
            });
        }
        return taken;
    }

    private boolean take(String eventId, Instant at) {
        return jdbc.prepareStatement("UPDATE outbox_events SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, eventId);
            return ps.executeUpdate() == 1;
        });
    }

    private void insertDelivery(PendingEvent e, String endpointId, Instant at) {
        jdbc.prepareStatement("""
                INSERT INTO webhook_deliveries (id, company_id, event_id, event_type, endpoint_id, status, attempts,
                    next_attempt_ms, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""", ps -> {
            ps.setString(1, RandomValues.id());
            ps.setString(2, e.companyId());
            ps.setString(3, e.id());
            ps.setString(4, e.type());
            ps.setString(5, endpointId);
            ps.setString(6, PENDING);
            ps.setLong(7, at.toEpochMilli());
            ps.setLong(8, at.toEpochMilli());
            ps.setLong(9, at.toEpochMilli());
            return ps.executeUpdate();
        });
    }

    /** Leases up to {@code limit} due deliveries for {@code lease}; the ones this call won. */
    public List<Claimed> claim(int limit, java.time.Duration lease, Instant now) {
        if (limit <= 0) {
            return List.of();
        }
        long at = now.toEpochMilli();
        List<String> due = writes.run(() -> jdbc.prepareStatement("""
                SELECT id FROM webhook_deliveries WHERE status = ? AND next_attempt_ms <= ?
                AND (lease_until_ms IS NULL OR lease_until_ms <= ?) ORDER BY next_attempt_ms, id LIMIT ?""", ps -> {
            ps.setString(1, PENDING);
            ps.setLong(2, at);
            ps.setLong(3, at);
            ps.setInt(4, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }));
        if (due.isEmpty()) {
            return List.of();
        }
        String token = RandomValues.id();
        long until = now.plus(lease).toEpochMilli();
        String placeholders = String.join(",", Collections.nCopies(due.size(), "?"));
        int won = writes.run(() -> jdbc.prepareStatement("UPDATE webhook_deliveries SET lease_until_ms = ?, leased_by = ? "
                + "WHERE id IN (" + placeholders + ") AND status = ? AND (lease_until_ms IS NULL OR lease_until_ms <= ?)", ps -> {
            int i = 1;
            ps.setLong(i++, until);
            ps.setString(i++, token);
            for (String id : due) {
                ps.setString(i++, id);
            }
            ps.setString(i++, PENDING);
            ps.setLong(i, at);
            return ps.executeUpdate();
        }));
        if (won == 0) {
            return List.of();
        }
        return writes.run(() -> jdbc.prepareStatement("""
                SELECT d.id, d.company_id, d.event_id, d.event_type, d.endpoint_id, p.url, p.enabled, p.secret_sealed,
                    e.envelope, d.attempts, d.created_ms
                FROM webhook_deliveries d
                JOIN outbox_events e ON e.id = d.event_id
                JOIN webhook_endpoints p ON p.id = d.endpoint_id
                WHERE d.leased_by = ? ORDER BY d.next_attempt_ms, d.id""", ps -> {
            ps.setString(1, token);
            List<Claimed> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getString(9),
                            rs.getInt(10) + 1, Instant.ofEpochMilli(rs.getLong(11)), token));
                }
            }
            return out;
        }));
    }

    /**
     * Logs the attempt and moves the delivery on: delivered, pending again at {@code retryAt}, or failed (given up
     * when {@code retryAt} is {@code null}). The delivery changes only if this instance still holds its lease; the
     * log row is written either way, because the attempt did happen.
     */
    public void finish(Claimed c, Attempt a, @Nullable Instant retryAt) {
        String status = a.success() ? DELIVERED : retryAt == null ? FAILED : PENDING;
        Timestamp at = Timestamp.from(a.at().truncatedTo(ChronoUnit.MICROS));
        writes.run(() -> {
            jdbc.prepareStatement("""
                    UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_ms = ?, lease_until_ms = NULL,
                        leased_by = NULL, updated_ms = ? WHERE id = ? AND leased_by = ?""", ps -> {
                ps.setString(1, status);
                ps.setInt(2, c.attempt());
                ps.setLong(3, retryAt == null ? a.at().toEpochMilli() : retryAt.toEpochMilli());
                ps.setLong(4, a.at().toEpochMilli());
                ps.setString(5, c.id());
                ps.setString(6, c.claimToken());
                return ps.executeUpdate();
            });
            jdbc.prepareStatement("""
                    INSERT INTO webhook_attempts (id, company_id, delivery_id, event_id, event_type, endpoint_id,
                        endpoint_url, attempt, outcome, status_code, latency_ms, error, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
                ps.setString(1, RandomValues.id());
                ps.setString(2, c.companyId());
                ps.setString(3, c.id());
                ps.setString(4, c.eventId());
                ps.setString(5, c.eventType());
                ps.setString(6, c.endpointId());
                ps.setString(7, c.endpointUrl());
                ps.setInt(8, Math.min(c.attempt(), RetrySchedule.MAX_ATTEMPTS));
                ps.setString(9, a.success() ? "success" : "failure");
                setInteger(ps, 10, a.statusCode());
                ps.setInt(11, a.latencyMs());
                ps.setString(12, a.error() == null ? null : truncate(a.error(), 1024));
                ps.setTimestamp(13, at);
                return ps.executeUpdate();
            });
            return null;
        });
    }

    /** A delivery to an endpoint disabled since the fan-out is dropped without an attempt. */
    public void cancel(Claimed c, Instant now) {
        writes.run(() -> jdbc.prepareStatement("UPDATE webhook_deliveries SET status = ?, lease_until_ms = NULL, "
                + "leased_by = NULL, updated_ms = ? WHERE id = ? AND leased_by = ?", ps -> {
            ps.setString(1, CANCELLED);
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, c.id());
            ps.setString(4, c.claimToken());
            return ps.executeUpdate();
        }));
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
