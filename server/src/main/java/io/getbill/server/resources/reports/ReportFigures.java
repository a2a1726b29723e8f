package io.getbill.server.resources.reports;

import io.getbill.server.infrastructure.persistence.SqlWhere;
import io.getbill.server.resources.statistics.StatisticsQueries;
import io.getbill.server.resources.statistics.StatisticsQueries.DebtGroup;
import io.getbill.server.resources.statistics.StatisticsQueries.FollowupGroup;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;

/**
 * The SQL aggregates reports are made of, over one company and one period of UTC days ({@code from}..{@code to}, both
 * inclusive). Debts belong to the period they were created in, followups likewise; the amounts are the debts'
 * current status, so a report generated later shows what became of that month's debts. Grouping happens in the
 * database (GROUP BY on the company-leading indexes); Java only adds groups up per currency, never across currencies.
 */
@Singleton
public class ReportFigures {

    /** Everything a report of either type needs, read in one read-only transaction so the figures agree. */
    public record Snapshot(List<DebtGroup> debts, List<FollowupGroup> followups) {
    }

    private final StatisticsQueries statistics;

    public ReportFigures(StatisticsQueries statistics) {
        this.statistics = statistics;
    }

    @ReadOnly
    public Snapshot snapshot(String companyId, LocalDate from, LocalDate to, boolean withFollowups) {
        List<DebtGroup> debts = statistics.debtGroups(
                SqlWhere.ofCompany(companyId).andWithinDays("created_at", from, to));
        if (!withFollowups) {
            return new Snapshot(debts, List.of());
        }
        return new Snapshot(debts, statistics.followupGroups(SqlWhere.ofCompany(companyId)
                .andWithinDays("created_at", from, to)));
    }
}
