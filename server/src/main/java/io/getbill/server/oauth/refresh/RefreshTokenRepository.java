package io.getbill.server.oauth.refresh;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Every query here is a primary-key or index lookup, so none slows down as the table grows. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface RefreshTokenRepository extends CrudRepository<RefreshToken, String> {

    /**
     * Marks an unused, unrevoked token used. The row count is the concurrency control of rotation: of two requests
     * presenting the same token at once, exactly one gets 1.
     */
    @Query("UPDATE refresh_tokens SET used = TRUE, used_at = :usedAt WHERE token_hash = :tokenHash AND used = FALSE AND revoked = FALSE")
    int markUsed(String tokenHash, Instant usedAt);

    @Query("UPDATE refresh_tokens SET revoked = TRUE WHERE family_id = :familyId AND revoked = FALSE")
    int markFamilyRevoked(String familyId);

    @Query("UPDATE refresh_tokens SET revoked = TRUE WHERE client_id = :clientId AND revoked = FALSE")
    int markClientRevoked(String clientId);

    @Query("SELECT DISTINCT family_id FROM refresh_tokens WHERE client_id = :clientId AND user_id = :userId AND revoked = FALSE")
    List<String> findLiveFamilies(String clientId, String userId);

    @Query("SELECT token_hash FROM refresh_tokens WHERE expires_at < :now ORDER BY expires_at LIMIT :limit")
    List<String> findExpiredHashes(Instant now, int limit);

    @Query("DELETE FROM refresh_tokens WHERE token_hash IN (:tokenHashes)")
    int deleteByHashes(Collection<String> tokenHashes);
}
