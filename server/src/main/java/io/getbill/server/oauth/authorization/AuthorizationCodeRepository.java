package io.getbill.server.oauth.authorization;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface AuthorizationCodeRepository extends CrudRepository<AuthorizationCodeRow, String> {

    /**
     * Redeems the code: of any number of concurrent exchanges, exactly one gets 1 (RFC 6749 §4.1.2: a code is used
     * once). The family of the tokens about to be issued is recorded in the same statement, so that a replay that
     * loses the race still finds what to revoke.
     */
    @Query("UPDATE authorization_codes SET redeemed_at = :now, family_id = :familyId "
            + "WHERE code_hash = :codeHash AND redeemed_at IS NULL")
    int redeem(String codeHash, Instant now, String familyId);

    /** Families issued from codes of the client for the user whose access tokens may still be live. */
    @Query("SELECT family_id FROM authorization_codes WHERE client_id = :clientId AND user_id = :userId "
            + "AND family_id IS NOT NULL AND redeemed_at > :since")
    List<String> findFamilies(String clientId, String userId, Instant since);

    @Query("DELETE FROM authorization_codes WHERE expires_at < :before")
    int deleteExpired(Instant before);
}
