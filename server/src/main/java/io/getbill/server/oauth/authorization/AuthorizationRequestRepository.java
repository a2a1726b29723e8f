package io.getbill.server.oauth.authorization;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface AuthorizationRequestRepository extends CrudRepository<AuthorizationRequestRow, String> {

    /** Shows a new form: its token replaces the previous one (which stops working). */
    @Query("UPDATE authorization_requests SET csrf_hash = :csrfHash WHERE id_hash = :idHash AND completed = FALSE")
    int setFormToken(String idHash, String csrfHash);

    /**
     * Spends the form token of a request not bound to a session yet (the sign-in form): one conditional UPDATE, so a
     * token works once even when posted twice at the same time.
     */
    @Query("UPDATE authorization_requests SET csrf_hash = NULL WHERE id_hash = :idHash AND csrf_hash = :csrfHash "
            + "AND session_id IS NULL AND completed = FALSE AND expires_at > :now")
    int spendSignInToken(String idHash, String csrfHash, Instant now);

    /** Spends the form token of a request bound to {@code sessionId} (the consent form); completes the request. */
    @Query("UPDATE authorization_requests SET csrf_hash = NULL, completed = TRUE WHERE id_hash = :idHash "
            + "AND csrf_hash = :csrfHash AND session_id = :sessionId AND completed = FALSE AND expires_at > :now")
    int spendConsentToken(String idHash, String csrfHash, String sessionId, Instant now);

    /** Binds the request to the session that signed in for it (or that opened its consent page). */
    @Query("UPDATE authorization_requests SET session_id = :sessionId WHERE id_hash = :idHash AND completed = FALSE")
    int bindSession(String idHash, String sessionId);

    /** Completes a request answered without a form (remembered consent, or an error after sign-in). */
    @Query("UPDATE authorization_requests SET completed = TRUE, csrf_hash = NULL WHERE id_hash = :idHash AND completed = FALSE")
    int complete(String idHash);

    @Query("DELETE FROM authorization_requests WHERE expires_at < :before")
    int deleteExpired(Instant before);
}
