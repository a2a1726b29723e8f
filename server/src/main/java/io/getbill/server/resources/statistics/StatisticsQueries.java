package io.getbill.server.resources.statistics;

import io.getbill.server.infrastructure.persistence.SqlWhere;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The company's aggregates: one GROUP BY over its debts (status, currency; an index-only scan of
 * {@code ix_debts_status_currency_created}), one over its followups (type, status; of
 * {@code ix_followups_type_status}) and two counts, read in one read-only transaction so they agree.
 */
@Singleton
public class StatisticsQueries {

    public record DebtGroup(String status, String currency, long count, BigDecimal amount) {
    }

    public record FollowupGroup(String type, String status, long count) {
    }

    public record Snapshot(List<DebtGroup> debtGroups, List<FollowupGroup> followupGroups, long debtors, long creditors) {
    }

    private final JdbcOperations jdbc;

    public StatisticsQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public Snapshot snapshot(String companyId) {
        SqlWhere company = SqlWhere.ofCompany(companyId);
        return new Snapshot(debtGroups(company), followupGroups(company), count("debtors", companyId),
                count("creditors", companyId));
    }

    /** Debts matching {@code where}, grouped by status and currency (also the reports' figures). */
    public List<DebtGroup> debtGroups(SqlWhere where) {
        return jdbc.prepareStatement("SELECT status, currency, COUNT(*), SUM(amount) FROM debts WHERE " + where.sql()
                + " GROUP BY status, currency ORDER BY status, currency", ps -> {
            where.bind(ps, 1);
            List<DebtGroup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DebtGroup(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getBigDecimal(4).setScale(2, RoundingMode.UNNECESSARY)));
                }
            }
            return out;
        });
    }

    /** Followups matching {@code where}, grouped by type and status (also the reports' figures). */
    public List<FollowupGroup> followupGroups(SqlWhere where) {
        return jdbc.prepareStatement("SELECT type, status, COUNT(*) FROM followups WHERE " + where.sql()
                + " GROUP BY type, status ORDER BY type, status", ps -> {
            where.bind(ps, 1);
            List<FollowupGroup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FollowupGroup(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    private long count(String table, String companyId) {
        // table is one of two constants of this class, never client input.
        return jdbc.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE company_id = ?", ps -> {
            ps.setString(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
