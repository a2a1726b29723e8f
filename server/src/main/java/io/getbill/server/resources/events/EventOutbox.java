package io.getbill.server.resources.events;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transactional outbox (write side). {@link #record} must run inside the write transaction of the change that
 * caused the event: the event then exists exactly when the change does — a rollback drops both, a commit keeps
 * both, and a crash after the commit loses nothing because delivery starts from this table, never from memory.
 *
 * <p>The envelope is serialised once, here, and stored as text; every delivery of the event sends those exact
 * bytes, so receivers can de-duplicate on its stable {@code id}.
 */
@Singleton
public class EventOutbox {

    /** Event ids are {@code evt_} plus 128 random bits. */
    public static final String ID_PREFIX = "evt_";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    public EventOutbox(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records one event in the current transaction.
     *
     * @param data    the resource as the API returns it (a generated model object, or a map)
     * @param changes for updates, {@code field -> {"from": old, "to": new}}; {@code null} or empty to omit
     * @return the event id
     */
    public String record(String companyId, EventType type, Object data, @Nullable Map<String, ?> changes, Instant now) {
        String id = ID_PREFIX + RandomValues.id();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id);
        envelope.put("type", type.wireName());
        envelope.put("created_at", Timestamps.utc(now).toString());
        envelope.put("company_id", companyId);
        envelope.put("data", data);
        if (changes != null && !changes.isEmpty()) {
            envelope.put("changes", changes);
        }
        String body;
        try {
            body = new String(json.writeValueAsBytes(envelope), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise a " + type.wireName() + " event", e);
        }
        jdbc.prepareStatement("INSERT INTO outbox_events (id, company_id, type, envelope, created_at) VALUES (?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, id);
                    ps.setString(2, companyId);
                    ps.setString(3, type.wireName());
                    ps.setString(4, body);
                    ps.setTimestamp(5, Timestamp.from(now));
                    return ps.executeUpdate();
                });
        return id;
    }
}
