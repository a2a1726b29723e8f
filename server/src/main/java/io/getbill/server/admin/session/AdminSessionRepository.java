package io.getbill.server.admin.session;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface AdminSessionRepository extends CrudRepository<AdminSessionRow, String> {

    @Query("UPDATE admin_sessions SET last_seen_at = :lastSeenAt WHERE id = :id")
    int touch(String id, Instant lastSeenAt);

    @Query("DELETE FROM admin_sessions WHERE expires_at <= :now OR last_seen_at <= :idleBefore")
    int deleteEnded(Instant now, Instant idleBefore);

    @Query("DELETE FROM admin_sessions WHERE user_id = :userId")
    int deleteByUser(String userId);
}
