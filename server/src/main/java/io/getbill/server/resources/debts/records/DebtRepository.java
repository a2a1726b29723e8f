package io.getbill.server.resources.debts.records;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Debts, always scoped by company: an id of another company is found exactly like an id that does not exist. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface DebtRepository extends GenericRepository<Debt, String> {

    Debt save(Debt debt);

    Debt update(Debt debt);

    Optional<Debt> findByIdAndCompanyId(String id, String companyId);

    boolean existsByIdAndCompanyId(String id, String companyId);

    @Query("SELECT * FROM debts WHERE id = :id AND company_id = :companyId FOR UPDATE")
    Optional<Debt> findForUpdate(String id, String companyId);

    @Query("DELETE FROM debts WHERE id = :id AND company_id = :companyId")
    int deleteScoped(String id, String companyId);

    /** Counters are not edits of the debt: {@code updated_at} stays, the representation (and its ETag) changes. */
    @Query("""
            UPDATE debts SET followups_count = :followups, nb_reminders = :reminders, nb_answered = :answered
            WHERE id = :id AND company_id = :companyId""")
    void updateFollowupCounters(String id, String companyId, int followups, int reminders, int answered);
}
