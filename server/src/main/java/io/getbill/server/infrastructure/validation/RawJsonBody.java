package io.getbill.server.infrastructure.validation;

import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.errors.JsonTypes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.getbill.server.infrastructure.http.RawJsonBodyFilter;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current request's JSON body as sent, for what binding to its generated type hides: a field sent as
 * {@code null} (never valid in a request of this API) versus a field left out (a partial update), a value of the
 * wrong JSON type that the binder would coerce ({@code [1]} or {@code 12} for a string), and whether an optional
 * field with a default was sent at all.
 */
@Singleton
public class RawJsonBody {

    private static final Map<Class<?>, Map<String, Argument<?>>> PROPERTIES = new ConcurrentHashMap<>();

    private final JsonMapper json;

    public RawJsonBody(JsonMapper json) {
        this.json = json;
    }

    /** The current request's body as sent, or {@code null} when there is none or it is not JSON. */
    public JsonNode current() {
        return ServerRequestContext.currentRequest()
                .flatMap(r -> r.getAttribute(RawJsonBodyFilter.ATTRIBUTE, byte[].class))
                .map(this::parse)
                .orElse(null);
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Adds a 400 message for every {@code null} value and every value of the wrong JSON type in {@code body},
     * at any depth ({@code metadata.x}, {@code debts[2].email}), checked against the request type {@code type}.
     */
    public static void checkShape(JsonNode body, Class<?> type, FieldErrors errors) {
        if (body != null) {
            walk(body, Argument.of(type), "", errors);
        }
    }

    public static boolean has(JsonNode body, String field) {
        return body != null && body.isObject() && body.get(field) != null;
    }

    private static void walk(JsonNode node, Argument<?> expected, String path, FieldErrors errors) {
        String field = path.isEmpty() ? "body" : path;
        if (node.isNull()) {
            errors.add(field, "Must not be null; leave the field out instead");
            return;
        }
        Class<?> type = expected.getType();
        boolean ok;
        if (type.isEnum()) {
            ok = node.isString();
            // Some generated enums parse leniently (an unknown value becomes null): the raw value decides.
            if (ok && java.util.Arrays.stream(type.getEnumConstants()).noneMatch(c -> c.toString().equals(node.getStringValue()))) {
                errors.add(field, "Must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        } else if (type == String.class || type == LocalDate.class || type == ZonedDateTime.class || type == URI.class) {
            ok = node.isString();
        } else if (type == BigDecimal.class || type == Double.class || type == Float.class) {
            ok = node.isNumber();
        } else if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            ok = node.isNumber() && node.getBigDecimalValue().stripTrailingZeros().scale() <= 0;
        } else if (type == Boolean.class || type == boolean.class) {
            ok = node.isBoolean();
        } else if (Map.class.isAssignableFrom(type)) {
            ok = node.isObject();
            if (ok) {
                Argument<?> values = expected.getTypeVariable("V").orElse(Argument.OBJECT_ARGUMENT);
                for (Map.Entry<String, JsonNode> e : node.entries()) {
                    walk(e.getValue(), values, path + "." + e.getKey(), errors);
                }
            }
        } else if (java.util.Collection.class.isAssignableFrom(type)) {
            ok = node.isArray();
            if (ok) {
                Argument<?> element = expected.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
                int i = 0;
                for (JsonNode v : node.values()) {
                    walk(v, element, path + "[" + i++ + "]", errors);
                }
            }
        } else if (type == Object.class) {
            ok = true;
            if (node.isObject() || node.isArray()) {
                // Free-form values (metadata) are judged by their own rules; only nulls inside matter here.
                for (JsonNode v : node.values()) {
                    if (v.isNull()) {
                        errors.add(field, "Must not contain null");
                    }
                }
            }
        } else {
            ok = node.isObject();
            if (ok) {
                Map<String, Argument<?>> properties = properties(type);
                for (Map.Entry<String, JsonNode> e : node.entries()) {
                    Argument<?> property = properties.get(e.getKey());
                    if (property != null) {
                        walk(e.getValue(), property, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), errors);
                    }
                }
            }
        }
        if (!ok) {
            errors.add(field, JsonTypes.expected(type));
        }
    }

    /** JSON name → type of each property of a generated request type. */
    private static Map<String, Argument<?>> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            Map<String, Argument<?>> out = new HashMap<>();
            @SuppressWarnings("unchecked")
            var introspection = BeanIntrospector.SHARED.findIntrospection((Class<Object>) t);
            introspection.ifPresent(i -> {
                for (BeanProperty<Object, Object> p : ((BeanIntrospection<Object>) i).getBeanProperties()) {
                    String name = p.stringValue(JsonProperty.class).filter(s -> !s.isEmpty()).orElse(p.getName());
                    out.put(name, p.asArgument());
                }
            });
            return out;
        });
    }
}
