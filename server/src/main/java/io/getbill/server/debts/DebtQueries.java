package io.getbill.server.debts;

import io.getbill.server.persistence.SqlBinder;
import io.getbill.server.paging.PageRequest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
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
        Where where = where(filter);
        long total = total(filter, where);
        if (total <= page.offset()) {
            return new Page(List.of(), total);
        }
        String sql = "SELECT " + DebtRows.COLUMNS + " FROM debts WHERE " + where.sql() + " ORDER BY " + orderBy(filter)
                + " LIMIT ? OFFSET ?";
        List<Debt> debts = jdbc.prepareStatement(sql, ps -> {
            int next = where.bind(ps, 1);
            ps.setInt(next, page.limit());
            ps.setLong(next + 1, page.offset());
            List<Debt> out = new ArrayList<>(page.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(DebtRows.read(rs));
                }
            }
            return out;
        });
        return new Page(debts, total);
    }

    /**
     * {@code pagination.total}, exact. A filter the counters answer (status, currency, created range) sums the
     * {@code debt_counts} rows of the whole days in the range and counts the debts of the partial days at its ends
     * in the index; any other filter counts the matching debts in the index (see {@link DebtCounts}).
     */
    private long total(DebtFilter filter, Where where) {
        DebtCounts.Days days = DebtCounts.Days.within(filter.createdFrom(), filter.createdTo());
        if (!DebtCounts.answers(filter) || days.empty()) {
            return count(where);
        }
        long total = sumCounters(filter, days);
        if (filter.createdFrom() != null && DebtCounts.Days.start(days.first()).isAfter(filter.createdFrom())) {
            total += count(where(withCreated(filter, filter.createdFrom(), DebtCounts.Days.start(days.first()))));
        }
        if (filter.createdTo() != null && DebtCounts.Days.start(days.end()).isBefore(filter.createdTo())) {
            total += count(where(withCreated(filter, DebtCounts.Days.start(days.end()), filter.createdTo())));
        }
        return total;
    }

    private long count(Where where) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM debts WHERE " + where.sql(), ps -> {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private long sumCounters(DebtFilter f, DebtCounts.Days days) {
        String sql = countersSql(f, days);
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setString(i++, f.companyId());
            if (f.status() != null) {
                ps.setString(i++, f.status().getValue());
            }
            if (f.currency() != null) {
                ps.setString(i++, f.currency());
            }
            if (days.first() != null) {
                ps.setObject(i++, days.first());
            }
            if (days.end() != null) {
                ps.setObject(i, days.end());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The SQL summing the counters of a list's whole days. */
    private static String countersSql(DebtFilter f, DebtCounts.Days days) {
        StringBuilder sql = new StringBuilder("SELECT COALESCE(SUM(debts), 0) FROM debt_counts WHERE company_id = ?");
        if (f.status() != null) {
            sql.append(" AND status = ?");
        }
        if (f.currency() != null) {
            sql.append(" AND currency = ?");
        }
        if (days.first() != null) {
            sql.append(" AND created_day >= ?");
        }
        if (days.end() != null) {
            sql.append(" AND created_day < ?");
        }
        return sql.toString();
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

    private record Where(String sql, List<SqlBinder> binders) {
        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (SqlBinder b : binders) {
                b.bind(ps, i++);
            }
            return i;
        }
    }

    private static Where where(DebtFilter f) {
        StringBuilder sql = new StringBuilder("company_id = ?");
        List<SqlBinder> binders = new ArrayList<>();
        binders.add((ps, i) -> ps.setString(i, f.companyId()));
        if (f.debtorId() != null) {
            sql.append(" AND debtor_id = ?");
            binders.add((ps, i) -> ps.setString(i, f.debtorId()));
        }
        if (f.creditorId() != null) {
            sql.append(" AND creditor_id = ?");
            binders.add((ps, i) -> ps.setString(i, f.creditorId()));
        }
        if (f.status() != null) {
            sql.append(" AND status = ?");
            binders.add((ps, i) -> ps.setString(i, f.status().getValue()));
        }
        if (f.currency() != null) {
            sql.append(" AND currency = ?");
            binders.add((ps, i) -> ps.setString(i, f.currency()));
        }
        if (f.amountMin() != null) {
            sql.append(" AND amount >= ?");
            binders.add((ps, i) -> ps.setBigDecimal(i, f.amountMin()));
        }
        if (f.amountMax() != null) {
            sql.append(" AND amount <= ?");
            binders.add((ps, i) -> ps.setBigDecimal(i, f.amountMax()));
        }
        if (f.createdFrom() != null) {
            sql.append(" AND created_at >= ?");
            binders.add((ps, i) -> ps.setTimestamp(i, Timestamp.from(f.createdFrom())));
        }
        if (f.createdTo() != null) {
            sql.append(" AND created_at < ?");
            binders.add((ps, i) -> ps.setTimestamp(i, Timestamp.from(f.createdTo())));
        }
        if (f.search() != null) {
            String prefix = likePrefix(f.search());
            sql.append(" AND (search_internal_id LIKE ? ESCAPE '!' OR search_firstname LIKE ? ESCAPE '!'"
                    + " OR search_lastname LIKE ? ESCAPE '!' OR search_object LIKE ? ESCAPE '!')");
            for (int k = 0; k < 4; k++) {
                binders.add((ps, i) -> ps.setString(i, prefix));
            }
        }
        return new Where(sql.toString(), binders);
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
