package io.getbill.server.resources.debtors;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Debtors, always scoped by company. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface DebtorRepository extends GenericRepository<Debtor, String> {

    Debtor save(Debtor debtor);

    Debtor update(Debtor debtor);

    Optional<Debtor> findByIdAndCompanyId(String id, String companyId);

    @Query("SELECT * FROM debtors WHERE id = :id AND company_id = :companyId FOR UPDATE")
    Optional<Debtor> findForUpdate(String id, String companyId);

    @Query("SELECT * FROM debtors WHERE company_id = :companyId AND phone = :phone FOR UPDATE")
    Optional<Debtor> findByPhoneForUpdate(String companyId, String phone);

    @Query("SELECT * FROM debtors WHERE company_id = :companyId AND email_key = :emailKey FOR UPDATE")
    Optional<Debtor> findByEmailKeyForUpdate(String companyId, String emailKey);

    @Query("SELECT * FROM debtors WHERE company_id = :companyId AND phone = :phone")
    Optional<Debtor> findByPhone(String companyId, String phone);

    @Query("SELECT * FROM debtors WHERE company_id = :companyId AND email_key = :emailKey")
    Optional<Debtor> findByEmailKey(String companyId, String emailKey);

    @Query("UPDATE debtors SET last_seen_at = :seenAt WHERE id = :id AND company_id = :companyId AND last_seen_at < :seenAt")
    void touch(String id, String companyId, Instant seenAt);

    @Query("SELECT * FROM debtors WHERE company_id = :companyId ORDER BY last_seen_at DESC, id LIMIT :limit OFFSET :offset")
    List<Debtor> page(String companyId, int limit, long offset);

    long countByCompanyId(String companyId);
}
