package io.getbill.server.infrastructure.persistence;

import io.getbill.server.infrastructure.paging.PageRequest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code WHERE} clause of a list query, assembled from optional filters: conditions joined by {@code AND}, each
 * with the binders of its {@code ?} placeholders, bound in order. The SQL is made of fixed fragments chosen by which
 * filters are present; every value a client sends is a bound parameter. Every list starts scoped to one company.
 */
public final class SqlWhere {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<SqlBinder> binders = new ArrayList<>();

    private SqlWhere() {
    }

    /** {@code company_id = ?}: the tenant scope every list query starts from. */
    public static SqlWhere ofCompany(String companyId) {
        return new SqlWhere().and("company_id = ?", (ps, i) -> ps.setString(i, companyId));
    }

    /** Adds {@code condition}, whose placeholders {@code values} bind in order. */
    public SqlWhere and(String condition, SqlBinder... values) {
        if (!sql.isEmpty()) {
            sql.append(" AND ");
        }
        sql.append(condition);
        binders.addAll(List.of(values));
        return this;
    }

    /** {@code column = ?} when {@code value} is given; nothing when it is {@code null}. */
    public SqlWhere andEqual(String column, String value) {
        return value == null ? this : and(column + " = ?", (ps, i) -> ps.setString(i, value));
    }

    /**
     * {@code column} within the UTC days {@code from} to {@code to}, both included; either bound may be {@code null}
     * (open on that side).
     */
    public SqlWhere andWithinDays(String column, LocalDate from, LocalDate to) {
        if (from != null) {
            Timestamp start = Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
            and(column + " >= ?", (ps, i) -> ps.setTimestamp(i, start));
        }
        if (to != null) {
            Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            and(column + " < ?", (ps, i) -> ps.setTimestamp(i, end));
        }
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    /** Binds the parameters from index {@code first} on; returns the index of the next parameter. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (SqlBinder b : binders) {
            b.bind(ps, i++);
        }
        return i;
    }

    /** {@code SELECT COUNT(*) FROM table WHERE ...}. */
    public long count(JdbcOperations jdbc, String table) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + sql, ps -> {
            bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** One page: {@code select WHERE ... orderBy LIMIT ? OFFSET ?}, each row read by {@code reader}. */
    public <T> List<T> page(JdbcOperations jdbc, String select, String orderBy, PageRequest page, RowReader<T> reader) {
        return jdbc.prepareStatement(select + " WHERE " + sql + " " + orderBy + " LIMIT ? OFFSET ?", ps -> {
            int next = bind(ps, 1);
            ps.setInt(next, page.limit());
            ps.setLong(next + 1, page.offset());
            List<T> out = new ArrayList<>(page.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        });
    }
}
