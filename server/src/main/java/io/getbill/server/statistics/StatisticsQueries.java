package io.getbill.server.statistics;

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
        List<DebtGroup> debts = jdbc.prepareStatement("""
                SELECT status, currency, COUNT(*), SUM(amount) FROM debts WHERE company_id = ?
                GROUP BY status, currency""", ps -> {
            ps.setString(1, companyId);
            List<DebtGroup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DebtGroup(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getBigDecimal(4).setScale(2, RoundingMode.UNNECESSARY)));
                }
            }
            return out;
        });
        List<FollowupGroup> followups = jdbc.prepareStatement("""
                SELECT type, status, COUNT(*) FROM followups WHERE company_id = ? GROUP BY type, status""", ps -> {
            ps.setString(1, companyId);
            List<FollowupGroup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FollowupGroup(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
        return new Snapshot(debts, followups, count("debtors", companyId), count("creditors", companyId));
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
