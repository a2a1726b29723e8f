package io.getbill.server.resources.debts.records;

import io.getbill.server.api.model.CurrencyAmount;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Debtor and creditor totals, computed from their debts with SQL aggregates at read time (GROUP BY owner and
 * currency): they are right after every create, update and delete of a debt by construction, and amounts in
 * different currencies are never added together.
 */
@Singleton
public class DebtTotals {

    /** One debtor's or creditor's totals; currencies in alphabetical order. */
    public record Totals(int debtsCount, List<CurrencyAmount> amount, List<CurrencyAmount> paid) {
        static final Totals NONE = new Totals(0, List.of(), List.of());
    }

    private final JdbcOperations jdbc;

    public DebtTotals(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Connectable
    public Map<String, Totals> byDebtor(String companyId, Collection<String> debtorIds) {
        return totals("debtor_id", companyId, debtorIds);
    }

    @Connectable
    public Map<String, Totals> byCreditor(String companyId, Collection<String> creditorIds) {
        return totals("creditor_id", companyId, creditorIds);
    }

    public static Totals of(Map<String, Totals> totals, String id) {
        return totals.getOrDefault(id, Totals.NONE);
    }

    private Map<String, Totals> totals(String ownerColumn, String companyId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> owners = List.copyOf(ids);
        String placeholders = owners.stream().map(id -> "?").collect(Collectors.joining(", "));
        // ownerColumn is one of two constants of this class, never client input.
        String sql = "SELECT " + ownerColumn + ", currency, COUNT(*), SUM(amount),"
                + " SUM(CASE WHEN status = 'paid' THEN amount ELSE 0 END)"
                + " FROM debts WHERE company_id = ? AND " + ownerColumn + " IN (" + placeholders + ")"
                + " GROUP BY " + ownerColumn + ", currency ORDER BY " + ownerColumn + ", currency";
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, companyId);
            for (int i = 0; i < owners.size(); i++) {
                ps.setString(i + 2, owners.get(i));
            }
            Map<String, int[]> counts = new HashMap<>();
            Map<String, List<CurrencyAmount>> amounts = new HashMap<>();
            Map<String, List<CurrencyAmount>> paid = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String owner = rs.getString(1);
                    String currency = rs.getString(2);
                    counts.computeIfAbsent(owner, k -> new int[1])[0] += rs.getInt(3);
                    amounts.computeIfAbsent(owner, k -> new ArrayList<>()).add(new CurrencyAmount(currency, money(rs.getBigDecimal(4))));
                    BigDecimal paidAmount = money(rs.getBigDecimal(5));
                    if (paidAmount.signum() > 0) {
                        paid.computeIfAbsent(owner, k -> new ArrayList<>()).add(new CurrencyAmount(currency, paidAmount));
                    }
                }
            }
            Map<String, Totals> result = new HashMap<>();
            counts.forEach((owner, count) -> result.put(owner, new Totals(count[0], amounts.get(owner),
                    paid.getOrDefault(owner, List.of()))));
            return result;
        });
    }

    static BigDecimal money(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
