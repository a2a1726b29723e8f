package io.getbill.server.testsupport;

import io.micronaut.json.JsonMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Resource calls over real HTTP with a partner's bearer token; bodies are written with the server's JSON mapper. */
public final class ApiCalls {

    public static final String V1 = "/external-api/v1";

    private final String base;
    private final String token;
    private final JsonMapper json;

    public ApiCalls(String base, String token, JsonMapper json) {
        this.base = base;
        this.token = token;
        this.json = json;
    }

    public static ApiCalls as(String base, String clientId, String secret, JsonMapper json) {
        return new ApiCalls(base, Tokens.accessToken(base, clientId, secret, null), json);
    }

    public RequestSpecification request() {
        return Tokens.at(base).header("Authorization", "Bearer " + token);
    }

    public RequestSpecification json(Object body) {
        return request().contentType("application/json").body(body instanceof String s ? s : write(body));
    }

    public Response get(String path) {
        return request().get(V1 + path);
    }

    public Response post(String path, Object body) {
        return json(body).post(V1 + path);
    }

    public Response put(String path, Object body) {
        return json(body).put(V1 + path);
    }

    public Response delete(String path) {
        return request().delete(V1 + path);
    }

    public String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid debt body: a French mobile, EUR, with {@code overrides} applied ({@code null} removes a field). */
    public static Map<String, Object> debt(Object... overrides) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstname", "John");
        body.put("lastname", "Doe");
        body.put("phone", "0612345678");
        body.put("email", "john.doe@example.com");
        body.put("amount", 1250.00);
        body.put("currency", "EUR");
        return with(body, overrides);
    }

    public static Map<String, Object> with(Map<String, Object> body, Object... overrides) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (int i = 0; i < overrides.length; i += 2) {
            String key = (String) overrides[i];
            Object value = overrides[i + 1];
            if (value == null) {
                copy.remove(key);
            } else {
                copy.put(key, value);
            }
        }
        return copy;
    }

    public static Map<String, Object> map(Object... pairs) {
        return with(new LinkedHashMap<>(), pairs);
    }
}
