package io.getbill.conformance.spec;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contract as the kit reads it: every operation with its scopes, parameters and body schema, and the scopes of
 * the {@code oauth2} scheme. Checks are derived from it, so adding an operation to the spec adds its checks.
 */
public final class ApiModel {

    /** Where the spec is on the classpath (the getbill-openapi artifact). */
    public static final String CLASSPATH_SPEC = "io/getbill/openapi/getbill-api.yaml";
    public static final String OAUTH2 = "oauth2";

    private final String text;
    private final OpenAPI openApi;
    private final List<ApiOperation> operations;
    private final List<String> scopes;
    private final String idPattern;

    private ApiModel(String text) {
        this.text = text;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalArgumentException("The spec does not parse: " + result.getMessages());
        }
        this.openApi = result.getOpenAPI();
        SecurityScheme scheme = openApi.getComponents().getSecuritySchemes().get(OAUTH2);
        this.scopes = scheme == null ? List.of()
                : new ArrayList<>(scheme.getFlows().getClientCredentials().getScopes().keySet());
        Schema<?> id = openApi.getComponents().getSchemas().get("Id");
        this.idPattern = id == null ? null : id.getPattern();
        List<ApiOperation> ops = new ArrayList<>();
        for (Map.Entry<String, PathItem> p : openApi.getPaths().entrySet()) {
            PathItem item = p.getValue();
            for (Map.Entry<PathItem.HttpMethod, Operation> o : item.readOperationsMap().entrySet()) {
                ops.add(operation(p.getKey(), item, o.getKey().name(), o.getValue()));
            }
        }
        this.operations = List.copyOf(ops);
    }

    public static ApiModel fromClasspath() {
        try (InputStream in = ApiModel.class.getClassLoader().getResourceAsStream(CLASSPATH_SPEC)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_SPEC + " is not on the classpath");
            }
            return new ApiModel(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApiModel fromText(String text) {
        return new ApiModel(text);
    }

    public String text() {
        return text;
    }

    public String version() {
        return openApi.getInfo().getVersion();
    }

    public List<ApiOperation> operations() {
        return operations;
    }

    public List<ApiOperation> securedOperations() {
        return operations.stream().filter(ApiOperation::secured).toList();
    }

    public Optional<ApiOperation> operation(String operationId) {
        return operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst();
    }

    /** The declared operation a request hits, if any (a concrete path such as {@code /external-api/v1/debts/abc}). */
    public Optional<ApiOperation> find(String method, String path) {
        // Literal segments win over templated ones (/debts/batch before /debts/{id}).
        return operations.stream()
                .filter(o -> o.matches(method, path))
                .min((a, b) -> Long.compare(a.path().chars().filter(c -> c == '{').count(), b.path().chars().filter(c -> c == '{').count()));
    }

    public boolean declaresPath(String path) {
        return operations.stream().anyMatch(o -> o.pathPattern().matcher(path).matches());
    }

    /** The twelve scopes of the oauth2 scheme, in spec order. */
    public List<String> scopes() {
        return scopes;
    }

    /** The pattern of the contract's {@code Id} schema: a property with it references another resource. */
    public String idPattern() {
        return idPattern;
    }

    public OpenAPI openApi() {
        return openApi;
    }

    private ApiOperation operation(String path, PathItem item, String method, Operation op) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            parameters.addAll(op.getParameters());
        }
        List<String> required = new ArrayList<>();
        List<SecurityRequirement> security = op.getSecurity() != null ? op.getSecurity() : openApi.getSecurity();
        if (security != null) {
            for (SecurityRequirement r : security) {
                if (r.containsKey(OAUTH2)) {
                    required.addAll(r.get(OAUTH2));
                }
            }
        }
        Schema<?> body = null;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            MediaType json = op.getRequestBody().getContent().get("application/json");
            body = json == null ? null : json.getSchema();
        }
        String tag = op.getTags() == null || op.getTags().isEmpty() ? null : op.getTags().get(0);
        Pattern pattern = Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
        return new ApiOperation(method, path, op.getOperationId(), tag, List.copyOf(required), List.copyOf(parameters),
                body, op.getResponses() == null ? Map.of() : new LinkedHashMap<>(op.getResponses()), Features.ofTag(tag), pattern);
    }
}
