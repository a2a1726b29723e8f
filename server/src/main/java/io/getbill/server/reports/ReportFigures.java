package io.getbill.server.reports;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL aggregates reports are made of, over one company and one period of UTC days ({@code from}..{@code to}, both
 * inclusive). Debts belong to the period they were created in, followups likewise; the amounts are the debts'
 * current status, so a report generated later shows what became of that month's debts. Grouping happens in the
 * database (GROUP BY on the company-leading indexes); Java only adds groups up per currency, never across currencies.
 */
@Singleton
public class ReportFigures {

    /** Debts created in the period with one status and currency. */
    public record DebtGroup(String status, String currency, long count, BigDecimal amount) {
    }

    /** Followups created in the period with one type and status. */
    public record FollowupGroup(String type, String status, long count) {
    }

    /** Everything a report of either type needs, read in one read-only transaction so the figures agree. */
    public record Snapshot(List<DebtGroup> debts, List<FollowupGroup> followups) {
    }

    private final JdbcOperations jdbc;

    public ReportFigures(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public Snapshot snapshot(String companyId, LocalDate from, LocalDate to, boolean withFollowups) {
        Timestamp start = Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<DebtGroup> debts = jdbc.prepareStatement("""
                SELECT status, currency, COUNT(*), SUM(amount) FROM debts
                WHERE company_id = ? AND created_at >= ? AND created_at < ?
                GROUP BY status, currency ORDER BY status, currency""", ps -> {
            ps.setString(1, companyId);
            ps.setTimestamp(2, start);
            ps.setTimestamp(3, end);
            List<DebtGroup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DebtGroup(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getBigDecimal(4).setScale(2, RoundingMode.UNNECESSARY)));
                }
            }
            return out;
        });
        if (!withFollowups) {
            return new Snapshot(debts, List.of());
        }
        List<FollowupGroup> followups = jdbc.prepareStatement("""
                SELECT type, status, COUNT(*) FROM followups
                WHERE company_id = ? AND created_at >= ? AND created_at < ?
                GROUP BY type, status ORDER BY type, status""", ps -> {
            ps.setString(1, companyId);
            ps.setTimestamp(2, start);
            ps.setTimestamp(3, end);
            List<FollowupGroup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FollowupGroup(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
        return new Snapshot(debts, followups);
    }
}
