package io.getbill.openapi;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules the contract itself must keep, checked on the document packaged in this module's jar: the ones a linter
 * cannot know (our twelve scopes, one scope per resource operation, the version the client jar carries).
 */
class ContractRulesTest {

    static final Set<String> SCOPES = Set.of("debts:read", "debts:write", "debtors:read", "debtors:write",
            "creditors:read", "creditors:write", "followups:read", "followups:write", "reports:read", "company:read",
            "users:read", "webhooks:read");

    static OpenAPI api;

    @BeforeAll
    static void parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        String location = ContractRulesTest.class.getClassLoader().getResource("io/getbill/openapi/getbill-api.yaml").toString();
        SwaggerParseResult result = new OpenAPIParser().readLocation(location, null, options);
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(), () -> "parser messages: " + result.getMessages());
        api = result.getOpenAPI();
    }

    @Test
    void documentIsOpenApi303() {
        assertEquals("3.0.3", api.getOpenapi());
    }

    @Test
    void infoVersionEqualsTheReactorVersionSoTheClientJarFollowsIt() throws Exception {
        Properties build = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/build.properties")) {
            build.load(in);
        }
        assertEquals(build.getProperty("project.version"), api.getInfo().getVersion(),
                "info.version of the contract must equal the Maven project version");
    }

    @Test
    void oauth2SchemeListsTheTwelveScopesWithTokenAndRefreshUrl() {
        SecurityScheme scheme = api.getComponents().getSecuritySchemes().get("oauth2");
        var flow = scheme.getFlows().getClientCredentials();
        assertEquals("/token", flow.getTokenUrl());
        assertEquals("/token", flow.getRefreshUrl());
        assertEquals(SCOPES, flow.getScopes().keySet());
        flow.getScopes().values().forEach(description -> assertTrue(description != null && !description.isBlank()));
    }

    @Test
    void everyResourceOperationDeclaresExactlyOneKnownScope() {
        List<String> problems = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            if (!path.startsWith("/external-api/v1/")) {
                return;
            }
            List<SecurityRequirement> security = op.getSecurity();
            if (security == null || security.size() != 1 || security.get(0).get("oauth2") == null
                    || security.get(0).get("oauth2").size() != 1 || !SCOPES.contains(security.get(0).get("oauth2").get(0))) {
                problems.add(method + " " + path + " " + security);
            }
        });
        assertTrue(problems.isEmpty(), () -> "operations without exactly one scope: " + problems);
    }

    /**
     * The server's security filter reads credentials only under {@code /external-api/} and {@code /admin-api/}
     * ({@code micronaut.security.filter.pattern: /*-api/**} in the server's application.yml): the token, revocation,
     * introspection, discovery, health and signed-file endpoints authenticate in their own way or not at all, and skip
     * its cost. So no operation elsewhere may declare a security requirement that the filter would have to enforce:
     * the only one allowed there is {@code clientBasic} on the three OAuth endpoints, which authenticate the client
     * themselves, and their generated interfaces must stay anonymous for the filter ({@code x-roles: [isAnonymous()]}).
     */
    @Test
    void everyOperationWithASecurityRequirementLivesUnderOneOfTheTwoApis() {
        Set<String> oauthEndpoints = Set.of("/token", "/revoke", "/introspect");
        List<String> problems = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            boolean underAnApi = path.startsWith("/external-api/") || path.startsWith("/admin-api/");
            List<SecurityRequirement> security = op.getSecurity() != null ? op.getSecurity() : api.getSecurity();
            if (underAnApi || security == null) {
                return;
            }
            boolean clientAuthentication = oauthEndpoints.contains(path);
            for (SecurityRequirement requirement : security) {
                boolean allowed = requirement.isEmpty()
                        || clientAuthentication && requirement.keySet().equals(Set.of("clientBasic"));
                if (!allowed) {
                    problems.add(method + " " + path + " " + security);
                }
            }
            if (clientAuthentication && !List.of("isAnonymous()").equals(op.getExtensions() == null ? null : op.getExtensions().get("x-roles"))) {
                problems.add(method + " " + path + ": x-roles must be [isAnonymous()]");
            }
        });
        assertTrue(problems.isEmpty(), () -> "secured operations outside the security filter's paths: " + problems);
    }

    /** The three OAuth endpoints declare HTTP Basic client authentication (RFC 6749 §2.3.1), and nothing else does. */
    @Test
    void theOAuthEndpointsAndOnlyThemDeclareClientBasic() {
        SecurityScheme clientBasic = api.getComponents().getSecuritySchemes().get("clientBasic");
        assertEquals(SecurityScheme.Type.HTTP, clientBasic.getType());
        assertEquals("basic", clientBasic.getScheme());
        List<String> declaring = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            if (op.getSecurity() != null && op.getSecurity().stream().anyMatch(r -> r.containsKey("clientBasic"))) {
                declaring.add(method + " " + path);
            }
        });
        assertEquals(List.of("POST /token", "POST /revoke", "POST /introspect"), declaring);
    }

    /**
     * The admin API is for company users, not partners: every {@code /admin-api/v1/} operation but login is secured
     * by the session cookie alone (safe methods) or the session and the CSRF header together (unsafe methods), never
     * by oauth2 — so the kit's bearer and negative-input probes, which follow the oauth2 scheme, leave it alone.
     */
    @Test
    void everyAdminOperationRequiresTheSessionAndUnsafeOnesTheCsrfToken() {
        SecurityScheme session = api.getComponents().getSecuritySchemes().get("adminSession");
        SecurityScheme csrf = api.getComponents().getSecuritySchemes().get("adminCsrf");
        assertEquals(SecurityScheme.In.COOKIE, session.getIn());
        assertEquals("getbill_admin_session", session.getName());
        assertEquals(SecurityScheme.In.HEADER, csrf.getIn());
        assertEquals("X-CSRF-Token", csrf.getName());
        List<String> problems = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            if (!path.startsWith("/admin-api/v1/")) {
                return;
            }
            if (op.getTags() == null || !op.getTags().get(0).startsWith("Admin")) {
                problems.add(method + " " + path + ": tag must start with Admin");
            }
            List<SecurityRequirement> security = op.getSecurity();
            if (path.equals("/admin-api/v1/login")) {
                if (security == null || !security.isEmpty()) {
                    problems.add(method + " " + path + ": login must declare security: []");
                }
                return;
            }
            boolean safe = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD;
            Set<String> expected = safe ? Set.of("adminSession") : Set.of("adminSession", "adminCsrf");
            if (security == null || security.size() != 1 || !security.get(0).keySet().equals(expected)) {
                problems.add(method + " " + path + ": security must be " + expected + " but is " + security);
            }
            for (String status : List.of("401", "403")) {
                if (!op.getResponses().containsKey(status)) {
                    problems.add(method + " " + path + ": no " + status);
                }
            }
        });
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everyScopeIsRequiredBySomeOperation() {
        Set<String> used = new java.util.HashSet<>();
        forEachOperation((path, method, op) -> {
            if (op.getSecurity() != null) {
                op.getSecurity().forEach(req -> used.addAll(req.getOrDefault("oauth2", List.of())));
            }
        });
        assertEquals(SCOPES, used);
    }

    @Test
    void everyOperationHasOperationIdOneTagAndA2xxExample() {
        List<String> problems = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            if (op.getOperationId() == null || op.getTags() == null || op.getTags().size() != 1) {
                problems.add(method + " " + path + ": operationId/tag");
            }
            op.getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    response.getContent().forEach((type, media) -> {
                        if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
                            problems.add(method + " " + path + " " + status + " " + type + ": no example");
                        }
                    });
                }
            });
            if (op.getRequestBody() != null) {
                op.getRequestBody().getContent().forEach((type, media) -> {
                    if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
                        problems.add(method + " " + path + " request " + type + ": no example");
                    }
                });
            }
        });
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everyResourceResponseDeclaresRequestIdAndEvery2xxTheRateLimitHeaders() {
        List<String> problems = new ArrayList<>();
        forEachOperation((path, method, op) -> op.getResponses().forEach((status, response) -> {
            Map<String, ?> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
            if (!headers.containsKey("X-Request-Id")) {
                problems.add(method + " " + path + " " + status + ": X-Request-Id");
            }
            if (path.startsWith("/external-api/") && status.startsWith("2")) {
                for (String h : List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Window")) {
                    if (!headers.containsKey(h)) {
                        problems.add(method + " " + path + " " + status + ": " + h);
                    }
                }
            }
            if ((status.equals("401") || status.equals("403")) && path.startsWith("/external-api/") && !headers.containsKey("WWW-Authenticate")) {
                problems.add(method + " " + path + " " + status + ": WWW-Authenticate");
            }
        }));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everyStringPropertyIsBounded() {
        List<String> problems = new ArrayList<>();
        api.getComponents().getSchemas().forEach((name, schema) -> checkBounded(name, schema, problems));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void checkBounded(String where, Schema schema, List<String> problems) {
        if (schema == null || schema.get$ref() != null) {
            return;
        }
        if ("string".equals(schema.getType()) && schema.getMaxLength() == null && schema.getEnum() == null
                && schema.getFormat() == null) {
            problems.add(where + ": string without maxLength");
        }
        if ("array".equals(schema.getType()) && schema.getMaxItems() == null) {
            problems.add(where + ": array without maxItems");
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).forEach((p, s) -> checkBounded(where + "." + p, s, problems));
        }
        if (schema.getItems() != null) {
            checkBounded(where + "[]", schema.getItems(), problems);
        }
    }

    @Test
    void differencesPageListsExactlyTheDeliberateDifferencesOfTheContract() throws Exception {
        String description = api.getInfo().getDescription();
        String fromSpec = description.substring(description.indexOf("## Deliberate differences"));
        fromSpec = fromSpec.substring(fromSpec.indexOf('\n') + 1);
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/differences.md"));
        int start = page.indexOf("-->", page.indexOf("<!-- differences:start")) + 3;
        int end = page.indexOf("<!-- differences:end -->");
        assertEquals(normalise(fromSpec), normalise(page.substring(start, end)),
                "docs/differences.md must list exactly info.description's differences");
    }

    private static String normalise(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    interface OperationVisitor {
        void visit(String path, PathItem.HttpMethod method, Operation operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> visitor.visit(path, method, op)));
    }
}
