package io.getbill.server.resources.followups;

import io.getbill.server.infrastructure.persistence.SqlWhere;
import io.getbill.server.api.model.FollowupStatus;
import io.getbill.server.api.model.FollowupType;
import io.getbill.server.infrastructure.paging.PageRequest;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.time.LocalDate;
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

        /** @throws io.getbill.server.infrastructure.errors.ApiException 400 on {@code date_to} when it is before {@code date_from} */
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
        SqlWhere where = SqlWhere.ofCompany(f.companyId())
                .andEqual("debt_id", f.debtId())
                .andEqual("status", f.status() == null ? null : f.status().getValue())
                .andEqual("type", f.type() == null ? null : f.type().getValue())
                .andWithinDays("followup_date", f.dateFrom(), f.dateTo());
        long total = where.count(jdbc, "followups");
        if (total <= page.offset()) {
            return new Page(List.of(), total);
        }
        List<Followup> rows = where.page(jdbc, "SELECT * FROM followups", "ORDER BY created_at DESC, id", page,
                rs -> jdbc.readEntity(rs, Followup.class));
        return new Page(rows, total);
    }

}
