package io.getbill.server.validation;

import io.getbill.server.http.RawJsonBodyFilter;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Map;

/**
 * The current request's JSON body as a tree, for what its generated type cannot tell: a field sent as
 * {@code null} (never valid in a request of this API) versus a field left out (a partial update), and whether an
 * optional field with a default was sent at all.
 */
@Singleton
public class RawJsonBody {

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

    /** Adds a 400 message for every {@code null} value in the body, at any depth ({@code metadata.x}, {@code debts[2].email}). */
    public static void rejectNulls(JsonNode body, FieldErrors errors) {
        if (body != null) {
            walk(body, "", errors);
        }
    }

    public static boolean has(JsonNode body, String field) {
        return body != null && body.isObject() && body.get(field) != null;
    }

    private static void walk(JsonNode node, String path, FieldErrors errors) {
        if (node.isNull()) {
            errors.add(path.isEmpty() ? "body" : path, "Must not be null; leave the field out instead");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), errors);
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode v : node.values()) {
                walk(v, path + "[" + i++ + "]", errors);
            }
        }
    }
}
