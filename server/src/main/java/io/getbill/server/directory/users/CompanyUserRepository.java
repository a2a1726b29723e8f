package io.getbill.server.directory.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface CompanyUserRepository extends CrudRepository<CompanyUser, String> {

    Optional<CompanyUser> findByEmail(String email);

    @Query("SELECT * FROM company_users WHERE company_id = :companyId ORDER BY created_at, id")
    List<CompanyUser> findByCompany(String companyId);
}
