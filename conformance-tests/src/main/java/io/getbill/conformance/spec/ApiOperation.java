package io.getbill.conformance.spec;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One operation of the contract, as the checks derive probes from it.
 *
 * @param scopes          the oauth2 scopes it requires; empty for an unsecured operation
 * @param requestSchema   the JSON request body's schema (refs resolved), or {@code null}
 * @param feature         the capability it belongs to ({@link Features}), or {@code null} when it is part of the base
 */
public record ApiOperation(String method, String path, String operationId, String tag, List<String> scopes,
                           List<Parameter> parameters, Schema<?> requestSchema, Map<String, ApiResponse> responses,
                           String feature, Pattern pathPattern) {

    public boolean secured() {
        return !scopes.isEmpty();
    }

    /** The one scope the operation requires (the contract gives every resource operation exactly one). */
    public String scope() {
        return scopes.isEmpty() ? null : scopes.get(0);
    }

    public boolean matches(String method, String path) {
        return this.method.equalsIgnoreCase(method) && pathPattern.matcher(path).matches();
    }

    public List<Parameter> pathParameters() {
        return parameters.stream().filter(p -> "path".equals(p.getIn())).toList();
    }

    public List<Parameter> queryParameters() {
        return parameters.stream().filter(p -> "query".equals(p.getIn())).toList();
    }

    /** The path with every path parameter replaced by {@code value}. */
    public String pathWith(String value) {
        return path.replaceAll("\\{[^}]+}", value);
    }

    /** The path with the named path parameters replaced. */
    public String pathWith(Map<String, String> values) {
        String p = path;
        for (Map.Entry<String, String> e : values.entrySet()) {
            p = p.replace("{" + e.getKey() + "}", e.getValue());
        }
        return p;
    }

    public boolean declaresStatus(int status) {
        return responses.containsKey(Integer.toString(status));
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + operationId + ")";
    }
}
