package io.getbill.server.resources.followups;

import io.getbill.server.resources.debts.records.DebtRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A debt's {@code followups_count}, {@code nb_reminders} and {@code nb_answered}, recomputed from its followups
 * (one aggregate over the debt's followups) on every followup change, so they cannot drift. The caller holds the
 * debt's row lock, so concurrent changes on one debt recount one after the other.
 *
 * <p>A reminder is a followup that reached or tried to reach the debtor; an answered one is a reminder the debtor
 * answered (the contract's API description, item 26).
 */
@Singleton
public class FollowupCounters {

    static final Set<String> REMINDER = Set.of("sent", "delivered", "no_answer", "deal_found", "deal_not_found", "bad_behavior");
    static final Set<String> ANSWERED = Set.of("deal_found", "deal_not_found", "bad_behavior");

    private static final String SQL = "SELECT COUNT(*),"
            + " COALESCE(SUM(CASE WHEN status IN (" + quoted(REMINDER) + ") THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN status IN (" + quoted(ANSWERED) + ") THEN 1 ELSE 0 END), 0)"
            + " FROM followups WHERE company_id = ? AND debt_id = ?";

    private final JdbcOperations jdbc;
    private final DebtRepository debts;

    public FollowupCounters(JdbcOperations jdbc, DebtRepository debts) {
        this.jdbc = jdbc;
        this.debts = debts;
    }

    public void recount(String companyId, String debtId) {
        int[] counts = jdbc.prepareStatement(SQL, ps -> {
            ps.setString(1, companyId);
            ps.setString(2, debtId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[]{rs.getInt(1), rs.getInt(2), rs.getInt(3)};
            }
        });
        debts.updateFollowupCounters(debtId, companyId, counts[0], counts[1], counts[2]);
    }

    private static String quoted(Set<String> statuses) {
        return statuses.stream().sorted().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
    }
}
