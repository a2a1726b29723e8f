package io.getbill.server.resources.debts.records;

import io.getbill.server.infrastructure.persistence.SqlBinder;
import io.getbill.server.infrastructure.persistence.SqlWhere;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * Debt lists with dynamic filters, as prepared statements: the SQL is assembled from fixed fragments chosen by which
 * filters are present, and every value a client sends is a bound parameter.
 *
 * <p>The list partners run most — status + currency + created range, newest first — reads
 * {@code ix_debts_status_currency_created} in index order (equality on company, status, currency; a range on
 * {@code created_at DESC}; ties by {@code id} ascending, as the index stores them), so one page costs one page of
 * index entries however many debts the company has; its exact {@code pagination.total} sums per-day counters
 * ({@link DebtCounts}) instead of counting every matching index entry. Search is a prefix match on lower-cased copies
 * of the four searched fields, each indexed after {@code company_id}.
 */
@Singleton
public class DebtQueries {

    private final JdbcOperations jdbc;

    public DebtQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public record Page(List<Debt> debts, long total) {
    }

    /** One debt of {@code companyId} by id: a primary-key lookup (another company's id is not found). */
    @Connectable
    public Optional<Debt> find(String companyId, String id) {
        return jdbc.prepareStatement("SELECT " + DebtRows.COLUMNS + " FROM debts WHERE id = ? AND company_id = ?", ps -> {
            ps.setString(1, id);
            ps.setString(2, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(DebtRows.read(rs)) : Optional.empty();
            }
        });
    }

    @Connectable
    public Page list(DebtFilter filter, PageRequest page) {
        SqlWhere where = where(filter);
        long total = total(filter, where);
        if (total <= page.offset()) {
            return new Page(List.of(), total);
        }
        List<Debt> debts = where.page(jdbc, "SELECT " + DebtRows.COLUMNS + " FROM debts", "ORDER BY " + orderBy(filter),
                page, DebtRows::read);
        return new Page(debts, total);
    }

    /**
     * {@code pagination.total}, exact. A filter the counters answer (status, currency, created range) sums the
     * {@code debt_counts} rows of the whole days in the range and counts the debts of the partial days at its ends
     * in the index; any other filter counts the matching debts in the index (see {@link DebtCounts}).
     */
    private long total(DebtFilter filter, SqlWhere where) {
        DebtCounts.Days days = DebtCounts.Days.within(filter.createdFrom(), filter.createdTo());
        if (!DebtCounts.answers(filter) || days.empty()) {
            return where.count(jdbc, "debts");
        }
        long total = sumCounters(filter, days);
        if (filter.createdFrom() != null && DebtCounts.Days.start(days.first()).isAfter(filter.createdFrom())) {
            total += where(withCreated(filter, filter.createdFrom(), DebtCounts.Days.start(days.first())))
                    .count(jdbc, "debts");
        }
        if (filter.createdTo() != null && DebtCounts.Days.start(days.end()).isBefore(filter.createdTo())) {
            total += where(withCreated(filter, DebtCounts.Days.start(days.end()), filter.createdTo()))
                    .count(jdbc, "debts");
        }
        return total;
    }

    /** The sum of the {@code debt_counts} rows of a list's whole days. */
    private long sumCounters(DebtFilter f, DebtCounts.Days days) {
        SqlWhere where = SqlWhere.ofCompany(f.companyId())
                .andEqual("status", f.status() == null ? null : f.status().getValue())
                .andEqual("currency", f.currency());
        if (days.first() != null) {
            where.and("created_day >= ?", (ps, i) -> ps.setObject(i, days.first()));
        }
        if (days.end() != null) {
            where.and("created_day < ?", (ps, i) -> ps.setObject(i, days.end()));
        }
        return jdbc.prepareStatement("SELECT COALESCE(SUM(debts), 0) FROM debt_counts WHERE " + where.sql(), ps -> {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static DebtFilter withCreated(DebtFilter f, java.time.Instant from, java.time.Instant to) {
        return new DebtFilter(f.companyId(), f.debtorId(), f.creditorId(), f.status(), f.currency(), f.amountMin(),
                f.amountMax(), from, to, f.search(), f.sort());
    }

    /** The SQL of a list query, for {@code EXPLAIN} in the benchmark. */
    public String listSql(DebtFilter filter) {
        return "SELECT " + DebtRows.COLUMNS + " FROM debts WHERE " + where(filter).sql() + " ORDER BY " + orderBy(filter)
                + " LIMIT ? OFFSET ?";
    }

    private static String orderBy(DebtFilter filter) {
        return switch (filter.sort()) {
            case _CREATED_AT -> "created_at DESC, id";
            case CREATED_AT -> "created_at, id";
            case _AMOUNT -> "amount DESC, id";
            case AMOUNT -> "amount, id";
            case DUE_DATE -> "CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, due_date, id";
            case _DUE_DATE -> "CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, due_date DESC, id";
        };
    }

    private static SqlWhere where(DebtFilter f) {
        SqlWhere where = SqlWhere.ofCompany(f.companyId())
                .andEqual("debtor_id", f.debtorId())
                .andEqual("creditor_id", f.creditorId())
                .andEqual("status", f.status() == null ? null : f.status().getValue())
                .andEqual("currency", f.currency());
        if (f.amountMin() != null) {
            where.and("amount >= ?", (ps, i) -> ps.setBigDecimal(i, f.amountMin()));
        }
        if (f.amountMax() != null) {
            where.and("amount <= ?", (ps, i) -> ps.setBigDecimal(i, f.amountMax()));
        }
        if (f.createdFrom() != null) {
            where.and("created_at >= ?", (ps, i) -> ps.setTimestamp(i, Timestamp.from(f.createdFrom())));
        }
        if (f.createdTo() != null) {
            where.and("created_at < ?", (ps, i) -> ps.setTimestamp(i, Timestamp.from(f.createdTo())));
        }
        if (f.search() != null) {
            String prefix = likePrefix(f.search());
            SqlBinder binder = (ps, i) -> ps.setString(i, prefix);
            where.and("(search_internal_id LIKE ? ESCAPE '!' OR search_firstname LIKE ? ESCAPE '!'"
                    + " OR search_lastname LIKE ? ESCAPE '!' OR search_object LIKE ? ESCAPE '!')",
                    binder, binder, binder, binder);
        }
        return where;
    }

    /** The lower-cased search text with LIKE's wildcards escaped, then {@code %}: a prefix match. */
    static String likePrefix(String search) {
        String lower = search.toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length() + 1);
        for (char c : lower.toCharArray()) {
            if (c == '!' || c == '%' || c == '_') {
                out.append('!');
            }
            out.append(c);
        }
        return out.append('%').toString();
    }
}
