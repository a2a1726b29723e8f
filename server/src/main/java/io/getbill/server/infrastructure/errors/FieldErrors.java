package io.getbill.server.infrastructure.errors;

import io.getbill.server.infrastructure.errors.ApiException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every violated rule of a request, per field, so that one 400 reports them all at once in the
 * envelope's {@code details}.
 */
public final class FieldErrors {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        List<String> messages = errors.computeIfAbsent(field, k -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
        return this;
    }

    public void addAll(Map<String, List<String>> more) {
        more.forEach((field, messages) -> messages.forEach(m -> add(field, m)));
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(errors);
    }

    /** @throws ApiException a 400 with every collected message, when there is any */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
