package io.getbill.server.resources.creditors;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Creditors, always scoped by company. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface CreditorRepository extends GenericRepository<Creditor, String> {

    Creditor update(Creditor creditor);

    Optional<Creditor> findByIdAndCompanyId(String id, String companyId);

    @Query("SELECT * FROM creditors WHERE id = :id AND company_id = :companyId FOR UPDATE")
    Optional<Creditor> findForUpdate(String id, String companyId);

    @Query("SELECT * FROM creditors WHERE company_id = :companyId AND name_key = :nameKey")
    Optional<Creditor> findByNameKey(String companyId, String nameKey);

    @Query("SELECT * FROM creditors WHERE company_id = :companyId AND name_key = :nameKey FOR UPDATE")
    Optional<Creditor> findByNameKeyForUpdate(String companyId, String nameKey);

    @Query("SELECT * FROM creditors WHERE company_id = :companyId ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<Creditor> page(String companyId, int limit, long offset);

    long countByCompanyId(String companyId);
}
