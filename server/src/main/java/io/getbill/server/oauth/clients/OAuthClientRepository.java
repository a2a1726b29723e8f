package io.getbill.server.oauth.clients;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface OAuthClientRepository extends CrudRepository<OAuthClient, String> {

    List<OAuthClient> findByCompanyId(String companyId);

    /** Moves {@code last_used_at} forward (never back) to {@code lastUsedAt}. */
    @Query("UPDATE oauth_clients SET last_used_at = :lastUsedAt WHERE client_id = :clientId "
            + "AND (last_used_at IS NULL OR last_used_at < :lastUsedAt)")
    int touch(String clientId, Instant lastUsedAt);
}
