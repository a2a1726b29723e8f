package io.getbill.server.oauth.denylist;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface TokenRevocationRepository extends CrudRepository<TokenRevocation, Long> {

    /** Live revocations recorded after {@code seq}, oldest first (the denylist refresh; PK range scan). */
    @Query("SELECT * FROM token_revocations WHERE seq > :seq AND expires_at > :now ORDER BY seq")
    List<TokenRevocation> findLiveAfter(long seq, Instant now);

    /** Whether {@code tokenId} (a jti or family id) has a live revocation (index lookup). */
    @Query("SELECT COUNT(*) FROM token_revocations WHERE token_id = :tokenId AND kind = :kind AND expires_at > :now")
    long countLive(String tokenId, String kind, Instant now);

    @Query("DELETE FROM token_revocations WHERE expires_at < :now")
    int deleteExpired(Instant now);
}
