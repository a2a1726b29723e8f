package io.getbill.server.infrastructure.errors;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a client must send for a value of a given type, in the words of the contract. */
public final class JsonTypes {

    private JsonTypes() {
    }

    public static String expected(Class<?> type) {
        if (type == null) {
            return "Invalid value";
        }
        if (type.isEnum()) {
            return "Must be one of: " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == BigDecimal.class || type == Double.class || type == Float.class || type == double.class) {
            return "Must be a number";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class || type == BigInteger.class) {
            return "Must be an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "Must be true or false";
        }
        if (type == LocalDate.class) {
            return "Must be a date (YYYY-MM-DD)";
        }
        if (type == ZonedDateTime.class || type == OffsetDateTime.class) {
            return "Must be an RFC 3339 date-time, e.g. 2024-01-15T10:30:00Z";
        }
        if (type == URI.class) {
            return "Must be a URI";
        }
        if (type == String.class) {
            return "Must be a string";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "Must be a JSON object";
        }
        if (List.class.isAssignableFrom(type)) {
            return "Must be a JSON array";
        }
        return "Must be a JSON object";
    }
}
