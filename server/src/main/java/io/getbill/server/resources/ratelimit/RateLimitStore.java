package io.getbill.server.resources.ratelimit;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared state of the rate limits: per client, request class and minute, the number of requests every instance
 * admitted ({@code rate_limit_counters}). Instances add their counts with one upsert per flushed bucket and read the
 * totals of the active clients back, once per sync interval — never on the request path.
 */
@Singleton
class RateLimitStore {

    private final DataSource dataSource;

    RateLimitStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Adds counts: key → list of {bucket, count}. */
    void add(Map<RateLimiter.Key, long[][]> increments) throws SQLException {
        if (increments.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement upsert = c.prepareStatement(
                     "INSERT INTO rate_limit_counters (client_id, request_class, bucket, hits) VALUES (?, ?, ?, ?) "
                             + "ON DUPLICATE KEY UPDATE hits = hits + VALUES(hits)")) {
            c.setAutoCommit(true);
            for (Map.Entry<RateLimiter.Key, long[][]> e : increments.entrySet()) {
                for (long[] bc : e.getValue()) {
                    upsert.setString(1, e.getKey().clientId());
                    upsert.setString(2, e.getKey().requestClass().code());
                    upsert.setLong(3, bc[0]);
                    upsert.setLong(4, bc[1]);
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
    }

    /** Totals per key for buckets after {@code fromBucket}, for the given clients. */
    Map<RateLimiter.Key, long[][]> read(List<String> clientIds, long fromBucket) throws SQLException {
        Map<RateLimiter.Key, List<long[]>> rows = new HashMap<>();
        if (clientIds.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(clientIds.size(), "?"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT client_id, request_class, bucket, hits FROM rate_limit_counters "
                     + "WHERE bucket > ? AND client_id IN (" + marks + ")")) {
            q.setLong(1, fromBucket);
            for (int i = 0; i < clientIds.size(); i++) {
                q.setString(i + 2, clientIds.get(i));
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    RateLimiter.Key key = new RateLimiter.Key(rs.getString(1), RequestClass.of(rs.getString(2)));
                    rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[]{rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        Map<RateLimiter.Key, long[][]> out = new HashMap<>();
        rows.forEach((k, v) -> out.put(k, v.toArray(new long[0][])));
        return out;
    }

    /** Deletes buckets that left every window. */
    int purge(long beforeBucket) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM rate_limit_counters WHERE bucket < ?")) {
            d.setLong(1, beforeBucket);
            return d.executeUpdate();
        }
    }
}
