package io.getbill.server.infrastructure.validation;

import io.getbill.server.infrastructure.errors.FieldErrors;

import java.util.Map;

/**
 * Rules for a debt's {@code metadata} that the generated types cannot express: at most 20 keys of 1..64
 * characters, each value a string of at most 500 characters, a number or a boolean (no objects, arrays or nulls).
 */
public final class Metadata {

    public static final int MAX_KEYS = 20;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_STRING_LENGTH = 500;

    private Metadata() {
    }

    public static void check(Map<String, Object> metadata, String field, FieldErrors errors) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > MAX_KEYS) {
            errors.add(field, "At most " + MAX_KEYS + " keys");
        }
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                errors.add(field, "Key '" + abbreviate(key) + "' must have 1 to " + MAX_KEY_LENGTH + " characters");
            }
            if (value == null) {
                errors.add(field, "Value of '" + abbreviate(key) + "' must not be null");
            } else if (value instanceof String s) {
                if (s.length() > MAX_STRING_LENGTH) {
                    errors.add(field, "Value of '" + abbreviate(key) + "' has more than " + MAX_STRING_LENGTH + " characters");
                }
            } else if (!(value instanceof Number) && !(value instanceof Boolean)) {
                errors.add(field, "Value of '" + abbreviate(key) + "' must be a string, a number or a boolean");
            }
        });
    }

    private static String abbreviate(String key) {
        return key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH) + "…";
    }
}
