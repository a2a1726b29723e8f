package io.getbill.server.resources.reports;

import io.getbill.server.api.model.DebtStatus;
import io.getbill.server.api.model.FollowupStatus;
import io.getbill.server.api.model.FollowupType;
import io.getbill.server.api.model.ReportType;
import io.getbill.server.resources.statistics.StatisticsQueries;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One report's content as named sections of rows, rendered as CSV (one table: a {@code section} column and the
 * report type's columns, empty where a column does not apply) or JSON (one array per section). Counts are integers;
 * money and rates are decimal strings ({@code "1450.50"}, {@code "0.3333"}), never floating point, and currencies
 * are never added together.
 *
 * <p>Financial: {@code invoiced}, {@code recovered} (status {@code paid}, as in the statistics) and
 * {@code outstanding} (every other status but {@code archived}) per currency, then {@code by_status} per status and
 * currency. Collection: followups {@code by_type} and {@code by_status} (every value listed, zeros included), debts
 * by status, and per currency the {@code recovery} rate (amount recovered / amount invoiced).
 */
public record ReportDocument(ReportType type, List<String> columns, List<Section> sections) {

    public static final List<String> FINANCIAL_COLUMNS = List.of("currency", "status", "count", "amount");
    public static final List<String> COLLECTION_COLUMNS = List.of("type", "status", "currency", "count", "amount",
            "recovered_count", "recovered_amount", "recovery_rate");

    /** A named list of rows; each row maps some of the document's columns to a value. */
    public record Section(String name, List<Map<String, Object>> rows) {
    }

    public static ReportDocument of(ReportType type, ReportFigures.Snapshot snapshot) {
        return type == ReportType.COLLECTION ? collection(snapshot) : financial(snapshot);
    }

    static ReportDocument financial(ReportFigures.Snapshot s) {
        Map<String, Totals> invoiced = new TreeMap<>();
        Map<String, Totals> recovered = new TreeMap<>();
        Map<String, Totals> outstanding = new TreeMap<>();
        for (StatisticsQueries.DebtGroup g : s.debts()) {
            invoiced.computeIfAbsent(g.currency(), c -> new Totals()).add(g.count(), g.amount());
            recovered.computeIfAbsent(g.currency(), c -> new Totals());
            outstanding.computeIfAbsent(g.currency(), c -> new Totals());
            if (isRecovered(g.status())) {
                recovered.get(g.currency()).add(g.count(), g.amount());
            } else if (!DebtStatus.ARCHIVED.getValue().equals(g.status())) {
                outstanding.get(g.currency()).add(g.count(), g.amount());
            }
        }
        List<Map<String, Object>> byStatus = new ArrayList<>();
        for (DebtStatus status : DebtStatus.values()) {
            for (StatisticsQueries.DebtGroup g : s.debts()) {
                if (g.status().equals(status.getValue())) {
                    byStatus.add(row("currency", g.currency(), "status", g.status(), "count", g.count(), "amount", money(g.amount())));
                }
            }
        }
        return new ReportDocument(ReportType.FINANCIAL, FINANCIAL_COLUMNS, List.of(
                new Section("invoiced", perCurrency(invoiced)),
                new Section("recovered", perCurrency(recovered)),
                new Section("outstanding", perCurrency(outstanding)),
                new Section("by_status", byStatus)));
    }

    static ReportDocument collection(ReportFigures.Snapshot s) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byFollowupStatus = new TreeMap<>();
        for (StatisticsQueries.FollowupGroup g : s.followups()) {
            byType.merge(g.type(), g.count(), Long::sum);
            byFollowupStatus.merge(g.status(), g.count(), Long::sum);
        }
        Map<String, Long> debtsByStatus = new TreeMap<>();
        Map<String, Totals> invoiced = new TreeMap<>();
        Map<String, Totals> recovered = new TreeMap<>();
        for (StatisticsQueries.DebtGroup g : s.debts()) {
            debtsByStatus.merge(g.status(), g.count(), Long::sum);
            invoiced.computeIfAbsent(g.currency(), c -> new Totals()).add(g.count(), g.amount());
            Totals r = recovered.computeIfAbsent(g.currency(), c -> new Totals());
            if (isRecovered(g.status())) {
                r.add(g.count(), g.amount());
            }
        }
        List<Map<String, Object>> typeRows = new ArrayList<>();
        for (FollowupType t : FollowupType.values()) {
            typeRows.add(row("type", t.getValue(), "count", byType.getOrDefault(t.getValue(), 0L)));
        }
        List<Map<String, Object>> statusRows = new ArrayList<>();
        for (FollowupStatus st : FollowupStatus.values()) {
            statusRows.add(row("status", st.getValue(), "count", byFollowupStatus.getOrDefault(st.getValue(), 0L)));
        }
        List<Map<String, Object>> debtRows = new ArrayList<>();
        for (DebtStatus st : DebtStatus.values()) {
            debtRows.add(row("status", st.getValue(), "count", debtsByStatus.getOrDefault(st.getValue(), 0L)));
        }
        List<Map<String, Object>> recoveryRows = new ArrayList<>();
        invoiced.forEach((currency, total) -> {
            Totals r = recovered.get(currency);
            Map<String, Object> row = row("currency", currency, "count", total.count, "amount", money(total.amount),
                    "recovered_count", r.count, "recovered_amount", money(r.amount));
            if (total.amount.signum() > 0) {
                row.put("recovery_rate", r.amount.divide(total.amount, 4, RoundingMode.HALF_EVEN).toPlainString());
            }
            recoveryRows.add(row);
        });
        return new ReportDocument(ReportType.COLLECTION, COLLECTION_COLUMNS, List.of(
                new Section("followups_by_type", typeRows),
                new Section("followups_by_status", statusRows),
                new Section("debts_by_status", debtRows),
                new Section("recovery", recoveryRows)));
    }

    /** RFC 4180 CSV: a header row ({@code section} and the columns), then one record per row of every section. */
    public byte[] csv() {
        Csv csv = new Csv();
        List<Object> header = new ArrayList<>();
        header.add("section");
        header.addAll(columns);
        csv.record(header);
        for (Section section : sections) {
            for (Map<String, Object> row : section.rows()) {
                List<Object> record = new ArrayList<>();
                record.add(section.name());
                for (String column : columns) {
                    record.add(row.get(column));
                }
                csv.record(record);
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** JSON with the server's mapper: the report's identity and period, then one array per section. */
    public byte[] json(JsonMapper mapper, Report report, Instant generatedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report_id", report.id());
        body.put("type", report.type().getValue());
        body.put("title", report.title());
        body.put("period_from", report.periodFrom().toString());
        body.put("period_to", report.periodTo().toString());
        body.put("generated_at", generatedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        for (Section section : sections) {
            body.put(section.name(), section.rows());
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a report as JSON", e);
        }
    }

    /** The file name: {@code <type>-<YYYY-MM>.<ext>} for a calendar month, else {@code <type>-<from>_<to>.<ext>}. */
    public static String filename(Report report) {
        LocalDate from = report.periodFrom();
        LocalDate to = report.periodTo();
        String period = from.getDayOfMonth() == 1 && to.equals(from.withDayOfMonth(from.lengthOfMonth()))
                ? from.toString().substring(0, 7) : from + "_" + to;
        return report.type().getValue() + "-" + period + "." + report.format().getValue();
    }

    private static boolean isRecovered(String status) {
        return DebtStatus.PAID.getValue().equals(status);
    }

    private static List<Map<String, Object>> perCurrency(Map<String, Totals> totals) {
        List<Map<String, Object>> rows = new ArrayList<>();
        totals.forEach((currency, t) -> rows.add(row("currency", currency, "count", t.count, "amount", money(t.amount))));
        return rows;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private static final class Totals {
        long count;
        BigDecimal amount = BigDecimal.ZERO.setScale(2);

        void add(long n, BigDecimal a) {
            count += n;
            amount = amount.add(a);
        }
    }
}
