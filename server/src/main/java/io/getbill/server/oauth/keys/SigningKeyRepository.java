package io.getbill.server.oauth.keys;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface SigningKeyRepository extends CrudRepository<SigningKey, String> {

    List<SigningKey> findAllOrderByCreatedAtDesc();
}
