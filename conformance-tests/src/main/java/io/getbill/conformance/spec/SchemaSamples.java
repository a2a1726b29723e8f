package io.getbill.conformance.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Valid values and deliberate violations derived from a JSON schema of the contract — the input of the negative
 * probes. A valid body holds the required properties plus, when the schema has them, {@code email} (the contract's
 * "phone or email" rule cannot be expressed in the schema) and {@code internal_id} (the run's mark, so that anything
 * a broken deployment creates is found and deleted). Optional properties whose schema is the contract's {@code Id}
 * reference other resources and are left out: the kit cannot know valid ids.
 */
public final class SchemaSamples {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One deliberate violation: where, what kind, and the value (or {@code null} to remove the property). */
    public record Violation(String field, String kind, JsonNode value, boolean remove) {
    }

    private final String idPattern;
    private final String mark;
    private final Supplier<String> randomId;

    public SchemaSamples(String idPattern, String mark, Supplier<String> randomId) {
        this.idPattern = idPattern;
        this.mark = mark;
        this.randomId = randomId;
    }

    /** A body valid against {@code schema} (as far as the schema goes). */
    public ObjectNode validObject(Schema<?> schema) {
        ObjectNode o = F.objectNode();
        Map<String, Schema> props = properties(schema);
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> p : props.entrySet()) {
            String name = p.getKey();
            boolean include = required.contains(name) || name.equals("email") || name.equals("internal_id");
            if (include) {
                o.set(name, name.equals("internal_id") ? F.textNode(mark + "-input") : valid(p.getValue()));
            }
        }
        if (o.isEmpty() && !props.isEmpty()) {
            // A partial update needs one field: the first plain string property.
            props.entrySet().stream()
                    .filter(p -> "string".equals(type(p.getValue())) && p.getValue().getEnum() == null && p.getValue().getFormat() == null
                            && !isReference(p.getValue()))
                    .findFirst()
                    .ifPresent(p -> o.set(p.getKey(), valid(p.getValue())));
        }
        return o;
    }

    public JsonNode valid(Schema<?> s) {
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return JSON.valueToTree(s.getEnum().get(0));
        }
        if (isReference(s)) {
            return F.textNode(randomId.get());
        }
        String type = type(s);
        switch (type) {
            case "integer" -> {
                long v = s.getMinimum() != null ? Math.max(s.getMinimum().longValue(), 1) : 1;
                return F.numberNode(v);
            }
            case "number" -> {
                BigDecimal v = new BigDecimal("12.34");
                if (s.getMinimum() != null && v.compareTo(s.getMinimum()) < 0) {
                    v = s.getMinimum();
                }
                return F.numberNode(v);
            }
            case "boolean" -> {
                return F.booleanNode(false);
            }
            case "array" -> {
                ArrayNode a = F.arrayNode();
                if (s.getItems() != null) {
                    a.add(s.getItems().getProperties() != null ? validObject(s.getItems()) : valid(s.getItems()));
                }
                return a;
            }
            case "object" -> {
                return s.getProperties() != null ? validObject(s) : F.objectNode();
            }
            default -> {
                return F.textNode(validString(s));
            }
        }
    }

    private String validString(Schema<?> s) {
        if (s.getExample() != null) {
            return String.valueOf(s.getExample());
        }
        String format = s.getFormat() == null ? "" : s.getFormat();
        switch (format) {
            case "email" -> {
                return "conformance@example.com";
            }
            case "date" -> {
                return "2024-01-15";
            }
            case "date-time" -> {
                return "2024-01-15T10:30:00Z";
            }
            case "uri" -> {
                return "https://example.com/conformance";
            }
            default -> {
            }
        }
        if ("^[A-Z]{3}$".equals(s.getPattern())) {
            return "EUR";
        }
        String v = "Conformance";
        if (s.getMaxLength() != null && v.length() > s.getMaxLength()) {
            v = v.substring(0, s.getMaxLength());
        }
        return v;
    }

    /**
     * The violations of every property of {@code schema}, named with {@code prefix} ({@code ""} at the top level,
     * {@code "debts[0]."} inside an array item): missing required, wrong type, out of range, too long, too short,
     * bad enum, bad format, bad pattern, and an unknown property where {@code additionalProperties: false}.
     */
    public List<Violation> violations(Schema<?> schema, String prefix) {
        List<Violation> out = new ArrayList<>();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> p : properties(schema).entrySet()) {
            String field = prefix + p.getKey();
            Schema<?> s = p.getValue();
            if (required.contains(p.getKey())) {
                out.add(new Violation(field, "missing", null, true));
            }
            String type = type(s);
            out.add(new Violation(field, "wrong-type", switch (type) {
                case "string" -> F.numberNode(12345);
                case "integer", "number" -> F.textNode("not-a-number");
                case "boolean" -> F.textNode("yes");
                case "array" -> F.textNode("not-an-array");
                default -> F.textNode("not-an-object");
            }, false));
            if (s.getMinimum() != null) {
                out.add(new Violation(field, "below-minimum", F.numberNode(s.getMinimum().subtract(BigDecimal.ONE)), false));
            }
            if (s.getMaximum() != null) {
                out.add(new Violation(field, "above-maximum", F.numberNode(s.getMaximum().add(BigDecimal.ONE).multiply(BigDecimal.TEN)), false));
            }
            if ("string".equals(type) && s.getEnum() == null) {
                if (s.getMaxLength() != null && s.getMaxLength() <= 10_000) {
                    out.add(new Violation(field, "too-long", F.textNode("x".repeat(s.getMaxLength() + 1)), false));
                }
                if (s.getMinLength() != null && s.getMinLength() > 0) {
                    out.add(new Violation(field, "too-short", F.textNode(""), false));
                }
                if (s.getFormat() != null) {
                    String bad = switch (s.getFormat()) {
                        case "date" -> "2024-02-30";
                        case "date-time" -> "15/01/2024 10:30";
                        case "email" -> "not-an-email";
                        case "uri" -> "not a uri";
                        default -> null;
                    };
                    if (bad != null) {
                        out.add(new Violation(field, "bad-format", F.textNode(bad), false));
                    }
                }
                if (s.getPattern() != null && s.getFormat() == null) {
                    out.add(new Violation(field, "bad-pattern", F.textNode("#invalid#"), false));
                }
            }
            if (s.getEnum() != null) {
                out.add(new Violation(field, "bad-enum", F.textNode("conformance-not-a-value"), false));
            }
            if ("array".equals(type) && s.getItems() != null && s.getItems().getProperties() != null && prefix.isEmpty()) {
                out.addAll(violations(s.getItems(), field + "[0]."));
            }
        }
        if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
            out.add(new Violation(prefix + "conformance_unknown_property", "unknown-property", F.booleanNode(true), false));
        }
        return out;
    }

    /** {@code base} with one violation applied (a deep copy). */
    public static ObjectNode apply(ObjectNode base, Violation v) {
        ObjectNode body = base.deepCopy();
        String field = v.field();
        ObjectNode target = body;
        int bracket = field.indexOf("[0].");
        if (bracket > 0) {
            String array = field.substring(0, bracket);
            target = (ObjectNode) body.withArray(array).get(0);
            field = field.substring(bracket + 4);
        }
        if (v.remove()) {
            target.remove(field);
        } else {
            target.set(field, v.value());
        }
        return body;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, Schema> properties(Schema<?> schema) {
        return schema.getProperties() == null ? Map.of() : (Map) schema.getProperties();
    }

    private boolean isReference(Schema<?> s) {
        return idPattern != null && idPattern.equals(s.getPattern());
    }

    static String type(Schema<?> s) {
        if (s.getType() != null) {
            return s.getType();
        }
        if (s.getTypes() != null && !s.getTypes().isEmpty()) {
            return s.getTypes().iterator().next();
        }
        return s.getProperties() != null || s.getAdditionalProperties() != null ? "object" : "string";
    }
}
