package io.getbill.server.resources.events;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code changes} member of an update event: {@code field -> {"from": old, "to": new}} for every field of the
 * API representation whose value differs, computed from the two representations as the API renders them (so the
 * names and formats are the ones partners already know). {@code updated_at} is left out: it changes on every update
 * and says nothing. A field that had (or has) no value has no {@code from} (or {@code to}), as absent values are
 * omitted everywhere in the API.
 */
@Singleton
public class ResourceChanges {

    private static final Set<String> IGNORED = Set.of("updated_at");

    private final JsonMapper json;

    public ResourceChanges(JsonMapper json) {
        this.json = json;
    }

    /** The changed fields between two API representations of the same resource; empty when nothing changed. */
    public Map<String, Map<String, Object>> between(Object before, Object after) {
        Map<String, Object> from = asMap(before);
        Map<String, Object> to = asMap(after);
        Set<String> fields = new LinkedHashSet<>(from.keySet());
        fields.addAll(to.keySet());
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        for (String field : fields) {
            if (IGNORED.contains(field) || Objects.equals(from.get(field), to.get(field))) {
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            if (from.get(field) != null) {
                change.put("from", from.get(field));
            }
            if (to.get(field) != null) {
                change.put("to", to.get(field));
            }
            changes.put(field, change);
        }
        return changes;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object resource) {
        try {
            return json.readValue(json.writeValueAsBytes(resource), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
