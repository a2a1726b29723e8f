package io.getbill.server.oauth.consents;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface UserConsentRepository extends GenericRepository<UserConsent, UserConsent.Key> {

    @Query("SELECT scope FROM user_consents WHERE user_id = :userId AND client_id = :clientId")
    Optional<String> findScope(String userId, String clientId);

    /** One statement, so that two approvals at once cannot collide on the primary key. */
    @Query("INSERT INTO user_consents (user_id, client_id, scope, granted_at) VALUES (:userId, :clientId, :scope, :grantedAt) "
            + "ON DUPLICATE KEY UPDATE scope = :scope, granted_at = :grantedAt")
    int upsert(String userId, String clientId, String scope, Instant grantedAt);

    @Query("DELETE FROM user_consents WHERE user_id = :userId AND client_id = :clientId")
    int delete(String userId, String clientId);

    @Query(value = "SELECT c.client_id AS client_id, o.name AS client_name, c.scope AS scope, c.granted_at AS granted_at FROM user_consents c "
            + "JOIN oauth_clients o ON o.client_id = c.client_id WHERE c.user_id = :userId ORDER BY c.granted_at, c.client_id",
            nativeQuery = true)
    List<ConsentListing> listOf(String userId);
}
