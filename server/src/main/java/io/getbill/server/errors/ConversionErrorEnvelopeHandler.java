package io.getbill.server.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A value the framework could not convert — a JSON body field of the wrong type, an unknown JSON field (request
 * schemas are {@code additionalProperties: false}), a body that is not a JSON object, a query parameter that is
 * not a number or a date — as a 400 envelope naming the field or parameter as the client wrote it. Messages never
 * echo parser internals.
 */
@Produces
@Singleton
@Replaces(ConversionErrorHandler.class)
public class ConversionErrorEnvelopeHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^]]*)]");

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        Argument<?> argument = exception.getArgument();
        Throwable cause = exception.getConversionError() == null ? exception.getCause() : exception.getConversionError().getCause();
        if (argument != null && !RequestFieldNames.isBody(argument) && !(cause instanceof SerdeException)) {
            String name = RequestFieldNames.httpName(argument);
            return ErrorEnvelopes.envelope(request, HttpStatus.BAD_REQUEST, "Validation failed",
                    Map.of(name, List.of(expected(argument.getType()))));
        }
        SerdeException serde = find(cause);
        if (serde == null) {
            return ErrorEnvelopes.envelope(request, HttpStatus.BAD_REQUEST, "Malformed request",
                    Map.of("body", List.of("The body must be a JSON object matching the operation's schema")));
        }
        Class<?> rootType = argument == null ? null : argument.getType();
        String path = path(serde.getPath(), rootType);
        Matcher unknown = UNKNOWN_PROPERTY.matcher(String.valueOf(serde.getMessage()));
        if (unknown.find()) {
            String name = unknown.group(1);
            String field = path.isEmpty() ? name : path.equals(name) || path.endsWith("." + name) ? path : path + "." + name;
            return ErrorEnvelopes.envelope(request, HttpStatus.BAD_REQUEST, "Validation failed",
                    Map.of(field, List.of("Unknown field")));
        }
        if (path.isEmpty()) {
            return ErrorEnvelopes.envelope(request, HttpStatus.BAD_REQUEST, "Malformed request",
                    Map.of("body", List.of("The body must be a JSON object matching the operation's schema")));
        }
        Class<?> leafType = leafType(serde.getPath());
        return ErrorEnvelopes.envelope(request, HttpStatus.BAD_REQUEST, "Validation failed",
                Map.of(path, List.of(leafType == null ? "Invalid value" : expected(leafType))));
    }

    private static SerdeException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SerdeException s) {
                return s;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** {@code debts[3].amount} from serde's reference path, with JSON property names. */
    private static String path(List<ReferencePath> references, Class<?> rootType) {
        StringBuilder out = new StringBuilder();
        Class<?> type = rootType;
        for (ReferencePath ref : references) {
            if (ref instanceof PropertyReferencePath p) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                Class<?> owner = p.type() != null ? p.type() : type;
                out.append(RequestFieldNames.jsonName(owner, p.property().getName()));
                type = p.property().getType();
            } else if (ref instanceof CollectionItemReferencePath c) {
                out.append('[').append(c.index()).append(']');
            } else if (ref instanceof MapItemReferencePath m) {
                out.append('.').append(m.toString());
            }
        }
        return out.toString();
    }

    private static Class<?> leafType(List<ReferencePath> references) {
        if (references.isEmpty()) {
            return null;
        }
        ReferencePath last = references.get(references.size() - 1);
        return last.getArgument() == null ? null : last.getArgument().getType();
    }

    private static String expected(Class<?> type) {
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
        return "Invalid value";
    }
}
