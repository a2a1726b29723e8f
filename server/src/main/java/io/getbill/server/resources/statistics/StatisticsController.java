package io.getbill.server.resources.statistics;

import io.getbill.server.api.StatisticsApi;
import io.getbill.server.api.model.CompanyStatistics;
import io.getbill.server.api.model.CompanyStatisticsResponse;
import io.getbill.server.api.model.CurrencyAmount;
import io.getbill.server.api.model.DebtCurrencyStatistics;
import io.getbill.server.api.model.DebtStatistics;
import io.getbill.server.api.model.DebtStatus;
import io.getbill.server.api.model.DebtStatusStatistics;
import io.getbill.server.api.model.FollowupStatistics;
import io.getbill.server.api.model.FollowupStatus;
import io.getbill.server.api.model.FollowupStatusCount;
import io.getbill.server.api.model.FollowupType;
import io.getbill.server.api.model.FollowupTypeCount;
import io.getbill.server.api.model.StatisticsTotals;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.getbill.server.oauth.bearer.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /external-api/v1/company/statistics}: counts and amounts by debt status and currency, recovered
 * amounts, followups by type and status — all from SQL aggregates ({@link StatisticsQueries}), never by loading
 * rows. Every enum value is listed, zero counts included; currencies are never added together.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatisticsController implements StatisticsApi {

    private final StatisticsQueries queries;
    private final Caller caller;

    public StatisticsController(StatisticsQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @Override
    public HttpResponse<CompanyStatisticsResponse> getCompanyStatistics() {
        Instant now = Instant.now();
        StatisticsQueries.Snapshot s = queries.snapshot(caller.companyId());

        Map<String, Long> countByStatus = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> amountByStatus = new TreeMap<>();
        Map<String, long[]> countByCurrency = new TreeMap<>();
        Map<String, BigDecimal> amountByCurrency = new TreeMap<>();
        long debts = 0;
        for (StatisticsQueries.DebtGroup g : s.debtGroups()) {
            debts += g.count();
            countByStatus.merge(g.status(), g.count(), Long::sum);
            amountByStatus.computeIfAbsent(g.status(), k -> new TreeMap<>()).merge(g.currency(), g.amount(), BigDecimal::add);
            countByCurrency.computeIfAbsent(g.currency(), k -> new long[1])[0] += g.count();
            amountByCurrency.merge(g.currency(), g.amount(), BigDecimal::add);
        }
        List<DebtStatusStatistics> byStatus = Arrays.stream(DebtStatus.values())
                .map(st -> new DebtStatusStatistics(st, countByStatus.getOrDefault(st.getValue(), 0L),
                        amounts(amountByStatus.getOrDefault(st.getValue(), Map.of()))))
                .toList();
        List<DebtCurrencyStatistics> byCurrency = new ArrayList<>();
        countByCurrency.forEach((currency, count) ->
                byCurrency.add(new DebtCurrencyStatistics(currency, count[0], amountByCurrency.get(currency))));
        List<CurrencyAmount> recovered = amounts(amountByStatus.getOrDefault(DebtStatus.PAID.getValue(), Map.of()));

        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byFollowupStatus = new TreeMap<>();
        long followups = 0;
        for (StatisticsQueries.FollowupGroup g : s.followupGroups()) {
            followups += g.count();
            byType.merge(g.type(), g.count(), Long::sum);
            byFollowupStatus.merge(g.status(), g.count(), Long::sum);
        }
        FollowupStatistics followupStatistics = new FollowupStatistics(
                Arrays.stream(FollowupType.values()).map(t -> new FollowupTypeCount(t, byType.getOrDefault(t.getValue(), 0L))).toList(),
                Arrays.stream(FollowupStatus.values()).map(t -> new FollowupStatusCount(t, byFollowupStatus.getOrDefault(t.getValue(), 0L))).toList());

        CompanyStatistics statistics = new CompanyStatistics(Timestamps.utc(now),
                new StatisticsTotals(debts, followups, s.debtors(), s.creditors()),
                new DebtStatistics(byStatus, byCurrency, recovered), followupStatistics);
        return HttpResponse.ok(new CompanyStatisticsResponse(false, "Success", statistics));
    }

    private static List<CurrencyAmount> amounts(Map<String, BigDecimal> byCurrency) {
        List<CurrencyAmount> out = new ArrayList<>();
        new TreeMap<>(byCurrency).forEach((currency, amount) -> out.add(new CurrencyAmount(currency, amount)));
        return out;
    }
}
