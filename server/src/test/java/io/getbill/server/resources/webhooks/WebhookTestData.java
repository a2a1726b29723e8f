package io.getbill.server.resources.webhooks;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Direct database reads and writes the webhook tests need (company ids, delivery states, log rows). */
@Singleton
public class WebhookTestData {

    private final JdbcOperations jdbc;
    private final WriteTransactions writes;

    public WebhookTestData(JdbcOperations jdbc, WriteTransactions writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    public String companyId(String name) {
        return writes.run(() -> jdbc.prepareStatement("SELECT id FROM companies WHERE name = ?", ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
    }

    /** The id of the outbox event of {@code type} whose envelope is about {@code resourceId}. */
    public String eventIdOf(String type, String resourceId) {
        return writes.run(() -> jdbc.prepareStatement(
                "SELECT id FROM outbox_events WHERE type = ? AND envelope LIKE ?", ps -> {
                    ps.setString(1, type);
                    ps.setString(2, "%\"id\":\"" + resourceId + "\"%");
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }));
    }

    public long count(String sql, String... params) {
        return writes.run(() -> jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    public String deliveryStatus(String eventId, String endpointId) {
        return writes.run(() -> jdbc.prepareStatement(
                "SELECT status FROM webhook_deliveries WHERE event_id = ? AND endpoint_id = ?", ps -> {
                    ps.setString(1, eventId);
                    ps.setString(2, endpointId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }));
    }

    /** The logged attempts of an event, for failure messages. */
    public String attempts(String eventId) {
        return writes.run(() -> jdbc.prepareStatement("SELECT attempt, outcome, status_code, latency_ms, error, created_at "
                + "FROM webhook_attempts WHERE event_id = ? ORDER BY attempt", ps -> {
            ps.setString(1, eventId);
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append("\n  #").append(rs.getInt(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getObject(3)).append(' ').append(rs.getInt(4)).append("ms ")
                            .append(rs.getString(5)).append(" at ").append(rs.getString(6));
                }
            }
            return out.toString();
        }));
    }

    public void awaitDeliveryStatus(String eventId, String endpointId, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = deliveryStatus(eventId, endpointId);
            if (status.equals(last)) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("delivery of " + eventId + " is " + last + ", expected " + status + "; attempts: "
                + attempts(eventId));
    }

    /** Waits until the outbox is fanned out and the endpoint has no pending delivery. */
    public void awaitNoPendingDeliveries(String endpointId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count("SELECT COUNT(*) FROM outbox_events WHERE dispatched_at IS NULL") == 0
                    && count("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ? AND status = 'pending'", endpointId) == 0) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("deliveries still pending for " + endpointId);
    }

    /** Marks up to {@code n} pending deliveries as claimed by an instance that died, with a lease ending in {@code left}. */
    public int leaseSomeToADeadInstance(int n, Duration left) {
        long until = System.currentTimeMillis() + left.toMillis();
        return writes.run(() -> jdbc.prepareStatement("UPDATE webhook_deliveries SET leased_by = 'dead-instance', "
                + "lease_until_ms = ? WHERE status = 'pending' ORDER BY id LIMIT ?", ps -> {
            ps.setLong(1, until);
            ps.setInt(2, n);
            return ps.executeUpdate();
        }));
    }

    public void insertAttempt(String companyId, String eventType, String outcome, int latencyMs, Instant at) {
        writes.run(() -> jdbc.prepareStatement("""
                INSERT INTO webhook_attempts (id, company_id, delivery_id, event_id, event_type, endpoint_id, endpoint_url,
                    attempt, outcome, status_code, latency_ms, error, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""", ps -> {
            ps.setString(1, RandomValues.id());
            ps.setString(2, companyId);
            ps.setString(3, RandomValues.id());
            ps.setString(4, "evt_" + RandomValues.id());
            ps.setString(5, eventType);
            ps.setString(6, "wepStatistics");
            ps.setString(7, "https://hooks.example/getbill");
            ps.setString(8, outcome);
            ps.setInt(9, outcome.equals("success") ? 200 : 500);
            ps.setInt(10, latencyMs);
            ps.setString(11, outcome.equals("success") ? null : "Endpoint answered 500");
            ps.setTimestamp(12, Timestamp.from(at));
            return ps.executeUpdate();
        }));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
