package io.getbill.server.oauth.signin;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface UserSessionRepository extends CrudRepository<UserSessionRow, String> {

    @Query("UPDATE user_sessions SET last_seen_at = :lastSeenAt WHERE id = :id")
    int touch(String id, Instant lastSeenAt);

    @Query("DELETE FROM user_sessions WHERE expires_at <= :now OR last_seen_at <= :idleBefore")
    int deleteEnded(Instant now, Instant idleBefore);
}
