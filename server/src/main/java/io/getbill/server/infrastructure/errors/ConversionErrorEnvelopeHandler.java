package io.getbill.server.infrastructure.errors;

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
import io.getbill.server.infrastructure.errors.JsonTypes;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** {@code debts[3].amount} from serde's reference path (innermost first), with JSON property names. */
    private static String path(List<ReferencePath> innermostFirst, Class<?> rootType) {
        List<ReferencePath> references = new java.util.ArrayList<>(innermostFirst);
        java.util.Collections.reverse(references);
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
        ReferencePath innermost = references.get(0);
        return innermost.getArgument() == null ? null : innermost.getArgument().getType();
    }

    private static String expected(Class<?> type) {
        return JsonTypes.expected(type);
    }
}
