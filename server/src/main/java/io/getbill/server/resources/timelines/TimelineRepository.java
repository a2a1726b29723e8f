package io.getbill.server.resources.timelines;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Timelines, always scoped by company: another company's id is found exactly like one that does not exist. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface TimelineRepository extends GenericRepository<Timeline, String> {

    Timeline save(Timeline timeline);

    Timeline update(Timeline timeline);

    Optional<Timeline> findByIdAndCompanyId(String id, String companyId);

    @Query("SELECT * FROM timelines WHERE id = :id AND company_id = :companyId FOR UPDATE")
    Optional<Timeline> findForUpdate(String id, String companyId);

    List<Timeline> findByCompanyIdOrderByName(String companyId);

    boolean existsByCompanyIdAndName(String companyId, String name);

    @Query("DELETE FROM timelines WHERE id = :id AND company_id = :companyId")
    int deleteScoped(String id, String companyId);

    /** Whether any followup scheduled by the timeline is still waiting to be sent. */
    @Query("SELECT COUNT(*) FROM followups WHERE timeline_id = :id AND company_id = :companyId AND status = 'scheduled'")
    long countPendingSteps(String id, String companyId);
}
