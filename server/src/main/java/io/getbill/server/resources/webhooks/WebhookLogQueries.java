package io.getbill.server.resources.webhooks;

import io.getbill.server.infrastructure.persistence.SqlWhere;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the delivery log ({@code webhook_attempts}), always scoped by company: pages newest first, one entry,
 * and the statistics — counts grouped in SQL, percentiles by nearest rank ({@code ORDER BY latency_ms LIMIT 1
 * OFFSET k} with {@code k = ceil(p * n) - 1}), so no query loads the company's rows into the server. (MariaDB
 * offers {@code PERCENTILE_CONT} only as a window function and H2 only as an aggregate; the nearest-rank form runs
 * on both and on MySQL.)
 */
@Singleton
public class WebhookLogQueries {

    private final JdbcOperations jdbc;

    public WebhookLogQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of the log. */
    public record Entry(String id, String eventId, String eventType, String endpointId, String endpointUrl, int attempt,
                        String outcome, @Nullable Integer statusCode, int latencyMs, @Nullable String error,
                        Instant createdAt) {
    }

    /** Filters of the log; {@code dateFrom} and {@code dateTo} are UTC days, both inclusive. */
    public record Filter(String companyId, @Nullable String eventType, @Nullable String outcome,
                         @Nullable String endpointId, @Nullable LocalDate dateFrom, @Nullable LocalDate dateTo) {

        /** @throws io.getbill.server.infrastructure.errors.ApiException 400 on {@code date_to} when it is before {@code date_from} */
        public static Filter of(String companyId, String eventType, String outcome, String endpointId,
                                LocalDate dateFrom, LocalDate dateTo) {
            if (dateFrom != null && dateTo != null && dateTo.isBefore(dateFrom)) {
                new FieldErrors().add("date_to", "Must not be before date_from").throwIfAny();
            }
            return new Filter(companyId, eventType, outcome, endpointId, dateFrom, dateTo);
        }
    }

    public record Page(List<Entry> entries, long total) {
    }

    /** Counts of one event type and outcome. */
    public record Group(String eventType, String outcome, long count) {
    }

    /** The statistics' raw figures: counts per type and outcome, latency percentiles (null with no attempt). */
    public record Figures(List<Group> groups, @Nullable Integer p50, @Nullable Integer p95, @Nullable Integer p99) {
    }

    @Connectable
    public Page list(Filter f, PageRequest page) {
        SqlWhere where = where(f);
        long total = where.count(jdbc, "webhook_attempts");
        if (total <= page.offset()) {
            return new Page(List.of(), total);
        }
        List<Entry> rows = where.page(jdbc, "SELECT * FROM webhook_attempts", "ORDER BY created_at DESC, id", page,
                WebhookLogQueries::entry);
        return new Page(rows, total);
    }

    @Connectable
    public Optional<Entry> get(String companyId, String id) {
        return jdbc.prepareStatement("SELECT * FROM webhook_attempts WHERE id = ? AND company_id = ?", ps -> {
            ps.setString(1, id);
            ps.setString(2, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        });
    }

    @Connectable
    public Figures figures(String companyId, @Nullable LocalDate dateFrom, @Nullable LocalDate dateTo) {
        SqlWhere where = where(new Filter(companyId, null, null, null, dateFrom, dateTo));
        List<Group> groups = jdbc.prepareStatement("SELECT event_type, outcome, COUNT(*) FROM webhook_attempts WHERE "
                + where.sql() + " GROUP BY event_type, outcome", ps -> {
            where.bind(ps, 1);
            List<Group> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Group(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
        long n = groups.stream().mapToLong(Group::count).sum();
        if (n == 0) {
            return new Figures(groups, null, null, null);
        }
        return new Figures(groups, percentile(where, n, 50), percentile(where, n, 95), percentile(where, n, 99));
    }

    /** The nearest-rank percentile: the smallest latency with at least {@code p} % of the attempts at or below it. */
    private Integer percentile(SqlWhere where, long n, int p) {
        long offset = Math.max(0, (n * p + 99) / 100 - 1);
        return jdbc.prepareStatement("SELECT latency_ms FROM webhook_attempts WHERE " + where.sql()
                + " ORDER BY latency_ms LIMIT 1 OFFSET ?", ps -> {
            int next = where.bind(ps, 1);
            ps.setLong(next, offset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        });
    }

    private static SqlWhere where(Filter f) {
        return SqlWhere.ofCompany(f.companyId())
                .andEqual("event_type", f.eventType())
                .andEqual("outcome", f.outcome())
                .andEqual("endpoint_id", f.endpointId())
                .andWithinDays("created_at", f.dateFrom(), f.dateTo());
    }


    private static Entry entry(ResultSet rs) throws SQLException {
        int status = rs.getInt("status_code");
        Integer statusCode = rs.wasNull() ? null : status;
        return new Entry(rs.getString("id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("endpoint_id"), rs.getString("endpoint_url"), rs.getInt("attempt"), rs.getString("outcome"),
                statusCode, rs.getInt("latency_ms"), rs.getString("error"), rs.getTimestamp("created_at").toInstant());
    }
}
