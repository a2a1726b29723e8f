package io.getbill.server.followups;

import io.getbill.server.persistence.SqlBinder;
import io.getbill.server.api.model.FollowupStatus;
import io.getbill.server.api.model.FollowupType;
import io.getbill.server.paging.PageRequest;
import io.getbill.server.validation.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Followup lists, newest first (ties by id), with dynamic filters as prepared statements: fixed SQL fragments
 * chosen by which filters are present, every client value bound.
 */
@Singleton
public class FollowupQueries {

    private final JdbcOperations jdbc;

    public FollowupQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The filters of a followup list; {@code dateFrom} and {@code dateTo} are UTC days, both inclusive. */
    public record Filter(String companyId, @Nullable String debtId, @Nullable FollowupStatus status,
                         @Nullable FollowupType type, @Nullable LocalDate dateFrom, @Nullable LocalDate dateTo) {

        /** @throws io.getbill.server.errors.ApiException 400 on {@code date_to} when it is before {@code date_from} */
        public static Filter of(String companyId, String debtId, FollowupStatus status, FollowupType type,
                                LocalDate dateFrom, LocalDate dateTo) {
            if (dateFrom != null && dateTo != null && dateTo.isBefore(dateFrom)) {
                new FieldErrors().add("date_to", "Must not be before date_from").throwIfAny();
            }
            return new Filter(companyId, debtId, status, type, dateFrom, dateTo);
        }
    }

    public record Page(List<Followup> followups, long total) {
    }

    @Connectable
    public Page list(Filter f, PageRequest page) {
        StringBuilder where = new StringBuilder("company_id = ?");
        List<SqlBinder> binders = new ArrayList<>();
        binders.add((ps, i) -> ps.setString(i, f.companyId()));
        if (f.debtId() != null) {
            where.append(" AND debt_id = ?");
            binders.add((ps, i) -> ps.setString(i, f.debtId()));
        }
        if (f.status() != null) {
            where.append(" AND status = ?");
            binders.add((ps, i) -> ps.setString(i, f.status().getValue()));
        }
        if (f.type() != null) {
            where.append(" AND type = ?");
            binders.add((ps, i) -> ps.setString(i, f.type().getValue()));
        }
        if (f.dateFrom() != null) {
            where.append(" AND followup_date >= ?");
            Timestamp from = Timestamp.from(f.dateFrom().atStartOfDay(ZoneOffset.UTC).toInstant());
            binders.add((ps, i) -> ps.setTimestamp(i, from));
        }
        if (f.dateTo() != null) {
            where.append(" AND followup_date < ?");
            Timestamp to = Timestamp.from(f.dateTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            binders.add((ps, i) -> ps.setTimestamp(i, to));
        }
        long total = jdbc.prepareStatement("SELECT COUNT(*) FROM followups WHERE " + where, ps -> {
            SqlBinder.bindAll(ps, binders);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        if (total <= page.offset()) {
            return new Page(List.of(), total);
        }
        List<Followup> rows = jdbc.prepareStatement("SELECT * FROM followups WHERE " + where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", ps -> {
            int next = SqlBinder.bindAll(ps, binders);
            ps.setInt(next, page.limit());
            ps.setLong(next + 1, page.offset());
            List<Followup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(jdbc.readEntity(rs, Followup.class));
                }
            }
            return out;
        });
        return new Page(rows, total);
    }

}
