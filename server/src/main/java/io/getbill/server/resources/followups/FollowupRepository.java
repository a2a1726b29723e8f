package io.getbill.server.resources.followups;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Followups, always scoped by company. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface FollowupRepository extends GenericRepository<Followup, String> {

    Followup save(Followup followup);

    Followup update(Followup followup);

    Optional<Followup> findByIdAndCompanyId(String id, String companyId);

    @Query("SELECT * FROM followups WHERE id = :id AND company_id = :companyId FOR UPDATE")
    Optional<Followup> findForUpdate(String id, String companyId);

    /** The followups a timeline scheduled for a debt that are still waiting to be sent. */
    @Query("""
            SELECT * FROM followups WHERE company_id = :companyId AND debt_id = :debtId AND status = 'scheduled'
            AND timeline_id IS NOT NULL ORDER BY scheduled_at, id""")
    List<Followup> findPendingTimelineSteps(String companyId, String debtId);
}
