package io.getbill.server.directory.companies;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface CompanyRepository extends CrudRepository<Company, String> {

    Optional<Company> findByName(String name);
}
