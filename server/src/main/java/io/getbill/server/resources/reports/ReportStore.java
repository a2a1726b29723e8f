package io.getbill.server.resources.reports;

import io.getbill.server.infrastructure.persistence.SqlWhere;
import io.getbill.server.api.model.ReportFormat;
import io.getbill.server.api.model.ReportStatus;
import io.getbill.server.api.model.ReportType;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code reports} table. Every state change of a generating report is one conditional UPDATE that names the
 * lease owner, so an instance that lost its lease (it stalled past {@code lease_until} and another instance took the
 * report over) can no longer complete or fail it: exactly one outcome is written, and with it one event.
 * Write methods must run inside {@code WriteTransactions.run}.
 */
@Singleton
public class ReportStore {

    /** Every column but the file. */
    private static final String COLUMNS = "id, company_id, type, format, title, description, period_from, period_to, "
            + "status, failure_reason, mime_type, filename, file_size, schedule_key, requested_by, lease_owner, "
            + "lease_until, attempts, generated_at, created_at, updated_at";

    private final JdbcOperations jdbc;

    public ReportStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored file: its bytes and how to serve them. */
    public record File(String companyId, String filename, String mimeType, byte[] content) {
    }

    public record Page(List<Report> reports, long total) {
    }

    /** The filters of {@code GET /reports}; {@code overlapFrom..overlapTo} is the {@code period} month. */
    public record Filter(String companyId, @Nullable ReportType type, @Nullable ReportStatus status,
                         @Nullable LocalDate overlapFrom, @Nullable LocalDate overlapTo) {
    }

    public void insert(Report r) {
        jdbc.prepareStatement("INSERT INTO reports (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, r.id());
                    ps.setString(2, r.companyId());
                    ps.setString(3, r.type().getValue());
                    ps.setString(4, r.format().getValue());
                    ps.setString(5, r.title());
                    ps.setString(6, r.description());
                    ps.setObject(7, r.periodFrom());
                    ps.setObject(8, r.periodTo());
                    ps.setString(9, r.status().getValue());
                    ps.setString(10, r.failureReason());
                    ps.setString(11, r.mimeType());
                    ps.setString(12, r.filename());
                    ps.setObject(13, r.fileSize());
                    ps.setString(14, r.scheduleKey());
                    ps.setString(15, r.requestedBy());
                    ps.setString(16, r.leaseOwner());
                    ps.setTimestamp(17, timestamp(r.leaseUntil()));
                    ps.setInt(18, r.attempts());
                    ps.setTimestamp(19, timestamp(r.generatedAt()));
                    ps.setTimestamp(20, timestamp(r.createdAt()));
                    ps.setTimestamp(21, timestamp(r.updatedAt()));
                    return ps.executeUpdate();
                });
    }

    @Connectable
    public Optional<Report> find(String companyId, String id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM reports WHERE id = ? AND company_id = ?", ps -> {
            ps.setString(1, id);
            ps.setString(2, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.<Report>empty();
            }
        });
    }

    /** A report of any company: only for the worker and for links whose signature was already checked. */
    @Connectable
    public Optional<Report> findAnyCompany(String id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM reports WHERE id = ?", ps -> {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.<Report>empty();
            }
        });
    }

    /** The file of a completed report. */
    @Connectable
    public Optional<File> file(String id) {
        return jdbc.prepareStatement("SELECT company_id, filename, mime_type, content FROM reports "
                + "WHERE id = ? AND status = 'completed' AND content IS NOT NULL", ps -> {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new File(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                        : Optional.<File>empty();
            }
        });
    }

    @Connectable
    public Page list(Filter f, PageRequest page) {
        SqlWhere where = SqlWhere.ofCompany(f.companyId())
                .andEqual("type", f.type() == null ? null : f.type().getValue())
                .andEqual("status", f.status() == null ? null : f.status().getValue());
        if (f.overlapFrom() != null) {
            where.and("period_from <= ? AND period_to >= ?",
                    (ps, i) -> ps.setObject(i, f.overlapTo()), (ps, i) -> ps.setObject(i, f.overlapFrom()));
        }
        long total = where.count(jdbc, "reports");
        if (total <= page.offset()) {
            return new Page(List.of(), total);
        }
        List<Report> rows = where.page(jdbc, "SELECT " + COLUMNS + " FROM reports", "ORDER BY created_at DESC, id", page,
                ReportStore::read);
        return new Page(rows, total);
    }

    /** Generating reports whose lease has expired (their instance died, or they were never taken), oldest first. */
    @Connectable
    public List<String> expiredLeases(Instant now, int limit) {
        return jdbc.prepareStatement("SELECT id FROM reports WHERE status = 'generating' AND lease_until <= ? "
                + "ORDER BY lease_until, id LIMIT ?", ps -> {
            ps.setTimestamp(1, timestamp(now));
            ps.setInt(2, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Takes the lease of a generating report whose lease has expired; false when another instance holds it. */
    public boolean claim(String id, String owner, Instant until, Instant now) {
        return jdbc.prepareStatement("UPDATE reports SET lease_owner = ?, lease_until = ?, attempts = attempts + 1, "
                + "updated_at = ? WHERE id = ? AND status = 'generating' AND lease_until <= ?", ps -> {
            ps.setString(1, owner);
            ps.setTimestamp(2, timestamp(until));
            ps.setTimestamp(3, timestamp(now));
            ps.setString(4, id);
            ps.setTimestamp(5, timestamp(now));
            return ps.executeUpdate();
        }) == 1;
    }

    /** Stores the file and marks the report completed, if {@code owner} still holds its lease. */
    public boolean complete(String id, String owner, String filename, byte[] content, Instant now) {
        return jdbc.prepareStatement("UPDATE reports SET status = 'completed', filename = ?, file_size = ?, content = ?, "
                + "generated_at = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL "
                + "WHERE id = ? AND status = 'generating' AND lease_owner = ?", ps -> {
            ps.setString(1, filename);
            ps.setLong(2, content.length);
            ps.setBytes(3, content);
            ps.setTimestamp(4, timestamp(now));
            ps.setTimestamp(5, timestamp(now));
            ps.setString(6, id);
            ps.setString(7, owner);
            return ps.executeUpdate();
        }) == 1;
    }

    /** Marks the report failed with {@code reason}, if {@code owner} still holds its lease. */
    public boolean fail(String id, String owner, String reason, Instant now) {
        return jdbc.prepareStatement("UPDATE reports SET status = 'failed', failure_reason = ?, updated_at = ?, "
                + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'generating' AND lease_owner = ?", ps -> {
            ps.setString(1, reason.length() > 500 ? reason.substring(0, 500) : reason);
            ps.setTimestamp(2, timestamp(now));
            ps.setString(3, id);
            ps.setString(4, owner);
            return ps.executeUpdate();
        }) == 1;
    }

    /** Ids of the companies whose subscription is active: those the monthly schedule reports on. */
    @Connectable
    public List<String> activeCompanies() {
        return jdbc.prepareStatement("SELECT id FROM companies WHERE subscription_status = 'active' ORDER BY id", ps -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static Report read(ResultSet rs) throws SQLException {
        long size = rs.getLong("file_size");
        Long fileSize = rs.wasNull() ? null : size;
        return new Report(
                rs.getString("id"),
                rs.getString("company_id"),
                ReportType.fromValue(rs.getString("type")),
                ReportFormat.fromValue(rs.getString("format")),
                rs.getString("title"),
                rs.getString("description"),
                rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class),
                ReportStatus.fromValue(rs.getString("status")),
                rs.getString("failure_reason"),
                rs.getString("mime_type"),
                rs.getString("filename"),
                fileSize,
                rs.getString("schedule_key"),
                rs.getString("requested_by"),
                rs.getString("lease_owner"),
                instant(rs.getTimestamp("lease_until")),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("generated_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }


    static Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
