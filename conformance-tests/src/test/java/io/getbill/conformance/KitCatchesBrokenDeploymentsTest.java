package io.getbill.conformance;

import io.getbill.conformance.checks.AuthorizationCodeChecks;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.CheckResult;
import io.getbill.conformance.core.Outcome;
import io.getbill.conformance.core.Tokens;
import io.getbill.conformance.core.UserAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit proves itself: it runs against the real server behind a proxy that breaks one rule at a time, and must
 * fail with the check that names that rule — and pass when the proxy breaks nothing.
 */
class KitCatchesBrokenDeploymentsTest {

    static KitServer server;
    static BreakingProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        server = KitServer.start();
        proxy = new BreakingProxy(server.url());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static RunReport runThroughProxy(BreakingProxy.Breakage breakage) {
        return runThroughProxy(breakage, Set.of("discovery", "token", "bearer"));
    }

    private static RunReport runThroughProxy(BreakingProxy.Breakage breakage, Set<String> groups) {
        proxy.breakWith(breakage);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        KitOptions options = KitOptions.of(proxy.url(), server.config())
                .withGroups(groups)
                .withExcludedFeatures(InBuildConformanceTest.EXCLUDED)
                .withConsole(new PrintStream(console, true, StandardCharsets.UTF_8));
        return new ConformanceRunner().run(options);
    }

    private static void assertFailsWith(RunReport report, String checkId) {
        CheckResult r = report.result(checkId).orElseThrow(() -> new AssertionError("check " + checkId + " did not run"));
        assertEquals(Outcome.FAILED, r.outcome(), checkId + " should fail; failures were: " + failedIds(report));
        assertFalse(report.conformant());
        assertEquals(1, report.exitCode());
        assertTrue(r.details().contains("Expected:") && r.details().contains("Request:"), "failure details: " + r.details());
    }

    private static String failedIds(RunReport report) {
        return report.requiredFailures().stream().map(r -> r.check().id()).collect(Collectors.joining(", "));
    }

    @Test
    void aFaithfulProxyIsConformant() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
        });
        assertTrue(report.conformant(), report.summaryLine() + "\n" + report.requiredFailures().stream()
                .map(r -> r.check().id() + "\n" + r.details()).collect(Collectors.joining("\n")));
    }

    @Test
    void droppingWwwAuthenticateOnAResourceFailsTheBearerChallengeCheck() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                if (m.path.startsWith("/external-api/") && m.status == 401) {
                    m.removeResponseHeader("WWW-Authenticate");
                }
            }
        });
        assertFailsWith(report, "RFC6750-3.1-no-token-401-getCompanyProfile");
        assertFailsWith(report, "RFC6750-3.1-malformed-token-401-listCompanyUsers");
        assertFailsWith(report, "SPEC-response-headers-getCompanyProfile-401");
    }

    @Test
    void answering400InsteadOf401FailsTheNoTokenCheck() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                if (m.path.startsWith("/external-api/") && m.status == 401) {
                    m.status = 400;
                }
            }
        });
        assertFailsWith(report, "RFC6750-3.1-no-token-401-getCompanyProfile");
        assertFailsWith(report, "RFC6750-3.1-foreign-key-401-getCompanyCredits");
    }

    @Test
    void removingCacheControlFromTheTokenEndpointFailsTheCacheHeadersCheck() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                if (m.path.startsWith("/token")) {
                    m.removeResponseHeader("Cache-Control");
                }
            }
        });
        assertFailsWith(report, "RFC6749-5.1-cache-headers-issueToken");
        assertFailsWith(report, "SPEC-response-headers-issueToken-200");
    }

    @Test
    void renamingAResponseFieldFailsTheSchemaCheck() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                if (m.path.startsWith("/external-api/v1/company/profile") && m.status == 200) {
                    m.responseBody = m.responseText().replace("\"name\":", "\"company_name\":").getBytes(StandardCharsets.UTF_8);
                }
            }
        });
        assertFailsWith(report, "SPEC-response-schema-getCompanyProfile-200");
    }

    @Test
    void lettingATokenWithoutTheScopeThroughFailsTheInsufficientScopeCheck() {
        KitClient full = server.config().clients().stream().filter(c -> c.clientId().equals("acme-full")).findFirst().orElseThrow();
        String fullToken = new Tokens(new io.getbill.conformance.core.Http(server.url())).access(full, null);
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void request(BreakingProxy.Message m) {
                List<String> auth = m.requestHeader("Authorization");
                if (m.path.startsWith("/external-api/") && auth.size() == 1 && auth.get(0).startsWith("Bearer ey")) {
                    try {
                        if ("acme-reader".equals(Tokens.claims(auth.get(0).substring(7)).getStringClaim("client_id"))) {
                            m.requestHeaders.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization"));
                            m.requestHeaders.put("Authorization", List.of("Bearer " + fullToken));
                        }
                    } catch (Exception e) {
                        // not a JWT: leave it alone
                    }
                }
            }
        });
        assertFailsWith(report, "RFC6750-3.1-insufficient-scope-403-getCompanyProfile");
        assertFailsWith(report, "RFC6750-3.1-insufficient-scope-403-listCompanyUsers");
    }

    // ---------------------------------------------------------------- the authorization-code group

    private static final Set<String> AUTHORIZATION_CODE = Set.of(AuthorizationCodeChecks.GROUP);

    /** Every check of the group that reads the query of a redirect to the client. */
    private static final List<String> REDIRECTS_TO_THE_CLIENT = List.of("RFC7636-4.4.1-missing-pkce-invalid-request",
            "RFC9700-2.1.1-plain-pkce-invalid-request", "RFC6749-4.1.2.1-unsupported-response-type",
            "RFC6749-4.1.2.1-invalid-scope", "RFC6749-4.1.2.1-access-denied");

    /** Rewrites the {@code Location} of each redirect to a client (an absolute URL) with {@code rewrite}. */
    private static BreakingProxy.Breakage clientRedirects(java.util.function.UnaryOperator<String> rewrite) {
        return new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                List<String> location = m.responseHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Location"))
                        .map(java.util.Map.Entry::getValue).findFirst().orElse(List.of());
                if ((m.status == 302 || m.status == 303) && location.size() == 1 && location.get(0).startsWith("https://")) {
                    String changed = rewrite.apply(location.get(0));
                    m.removeResponseHeader("Location");
                    m.responseHeaders.put("Location", List.of(changed));
                }
            }
        };
    }

    /** A query parameter removed from a URL, whatever its place. */
    private static String withoutParameter(String url, String name) {
        return url.replaceAll("([?&])" + name + "=[^&#]*&?", "$1").replaceAll("[?&]$", "");
    }

    @Test
    void theAuthorizationCodeGroupPassesThroughAFaithfulProxy() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
        }, AUTHORIZATION_CODE);
        assertTrue(report.conformant(), report.summaryLine() + "\n" + report.requiredFailures().stream()
                .map(r -> r.check().id() + "\n" + r.details()).collect(Collectors.joining("\n")));
        List<CheckResult> group = report.results().stream().filter(r -> r.check().group().equals(AuthorizationCodeChecks.GROUP)).toList();
        assertTrue(group.size() == 28 && group.stream().allMatch(r -> r.outcome() == Outcome.PASSED),
                "every check of the group runs and passes: " + group.stream().filter(r -> r.outcome() != Outcome.PASSED)
                        .map(r -> r.check().id() + " " + r.outcome() + " " + r.details()).collect(Collectors.joining("\n")));
    }

    @Test
    void withoutAnAuthorizationCodeClientInTheConfigTheGroupSkipsAndFailsNothing() {
        String yaml = server.bootstrapYaml().replace("grant_types: [authorization_code, refresh_token]", "grant_types: [refresh_token]");
        proxy.breakWith(new BreakingProxy.Breakage() {
        });
        RunReport report = new ConformanceRunner().run(KitOptions.of(proxy.url(), io.getbill.conformance.config.KitConfig.parse(yaml, "no-code-client.yaml"))
                .withGroups(AUTHORIZATION_CODE).withExcludedFeatures(InBuildConformanceTest.EXCLUDED)
                .withConsole(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(report.conformant(), report.summaryLine());
        List<CheckResult> group = report.results().stream().filter(r -> r.check().group().equals(AuthorizationCodeChecks.GROUP)).toList();
        List<CheckResult> skipped = group.stream().filter(r -> r.outcome() == Outcome.SKIPPED).toList();
        assertTrue(skipped.size() >= 25, "the checks that need the client are skipped: " + report.summaryLine());
        assertTrue(skipped.stream().allMatch(r -> r.details().contains("holds the authorization_code grant")), skipped.get(0).details());
        assertEquals(Outcome.PASSED, report.result("RFC8414-2-authorization-endpoint").orElseThrow().outcome());
        assertEquals(Outcome.PASSED, report.result("RFC6749-4.1.2.1-unknown-client-error-page").orElseThrow().outcome());
    }

    @Test
    void droppingStateFromTheRedirectsFailsTheStateChecks() {
        RunReport report = runThroughProxy(clientRedirects(url -> withoutParameter(url, "state")), AUTHORIZATION_CODE);
        assertFailsWith(report, "RFC6749-4.1.2-state-byte-for-byte");
        assertFailsWith(report, "SPEC-consent-remembered");
        REDIRECTS_TO_THE_CLIENT.forEach(id -> assertFailsWith(report, id));
    }

    @Test
    void alteringStateFailsTheByteForByteCheck() {
        // A deployment that decodes '+' as a space, or re-encodes the value, breaks the client's comparison.
        RunReport report = runThroughProxy(clientRedirects(url -> url.replace("%2B", "%20")), AUTHORIZATION_CODE);
        assertFailsWith(report, "RFC6749-4.1.2-state-byte-for-byte");
        assertFailsWith(report, "RFC6749-4.1.2.1-access-denied");
    }

    @Test
    void droppingIssFromTheRedirectsFailsTheIssChecks() {
        RunReport report = runThroughProxy(clientRedirects(url -> withoutParameter(url, "iss")), AUTHORIZATION_CODE);
        assertFailsWith(report, "RFC9207-2-iss-on-success");
        REDIRECTS_TO_THE_CLIENT.forEach(id -> assertFailsWith(report, id));
    }

    @Test
    void strippingXFrameOptionsFailsThePageHeaderChecks() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                m.removeResponseHeader("X-Frame-Options");
            }
        }, AUTHORIZATION_CODE);
        assertFailsWith(report, "RFC6749-10.13-signin-page-headers");
        assertFailsWith(report, "RFC6749-10.13-consent-page-headers");
    }

    @Test
    void rewritingTheErrorPageIntoARedirectFailsTheErrorPageChecks() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                if (m.path.startsWith("/authorize?") && m.status == 400) {
                    String redirectUri = UserAgent.query(m.path).getOrDefault("redirect_uri", List.of("https://attacker.example/cb")).get(0);
                    m.status = 303;
                    m.removeResponseHeader("Content-Type");
                    m.responseHeaders.put("Location", List.of(redirectUri + "?error=invalid_request"));
                    m.responseBody = new byte[0];
                }
            }
        }, AUTHORIZATION_CODE);
        for (String variant : List.of("trailing-slash", "upper-case-host", "extra-query-parameter", "fragment", "other-port")) {
            assertFailsWith(report, "RFC9700-2.1-redirect-uri-" + variant + "-error-page");
        }
        assertFailsWith(report, "RFC6749-4.1.2.1-unknown-client-error-page");
        assertFailsWith(report, "RFC6749-4.1.2.1-missing-redirect-uri-error-page");
    }

    @Test
    void announcingAnotherAuthorizationEndpointFailsTheMetadataCheck() {
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                if (m.path.startsWith("/.well-known/oauth-authorization-server")) {
                    m.responseBody = m.responseText().replace("/authorize\"", "/authorize#start\"").getBytes(StandardCharsets.UTF_8);
                }
            }
        }, AUTHORIZATION_CODE);
        assertFailsWith(report, "RFC8414-2-authorization-endpoint");
    }

    @Test
    void acceptingAFormWithoutItsCsrfTokenFailsTheCsrfChecks() {
        // The proxy hands the server the token the kit left out or took from elsewhere: the deployment as a whole
        // then accepts forged forms.
        java.util.Map<String, String> lastToken = new java.util.concurrent.ConcurrentHashMap<>();
        RunReport report = runThroughProxy(new BreakingProxy.Breakage() {
            @Override
            public void request(BreakingProxy.Message m) {
                if (m.method.equals("POST") && (m.path.equals("/signin") || m.path.equals("/authorize/consent"))) {
                    String body = new String(m.requestBody, StandardCharsets.UTF_8);
                    if (!body.contains("csrf_token=") && lastToken.containsKey(m.path)) {
                        m.requestBody = (body + "&csrf_token=" + lastToken.get(m.path)).getBytes(StandardCharsets.UTF_8);
                    }
                }
            }

            @Override
            public void response(BreakingProxy.Message m) {
                if (m.status == 200 && (m.path.startsWith("/signin?") || m.path.startsWith("/authorize/consent?"))) {
                    java.util.regex.Matcher t = java.util.regex.Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"")
                            .matcher(m.responseText());
                    if (t.find()) {
                        lastToken.put(m.path.substring(0, m.path.indexOf('?')), t.group(1));
                    }
                }
            }
        }, AUTHORIZATION_CODE);
        assertFailsWith(report, "RFC6749-10.12-signin-csrf-missing-403");
        assertFailsWith(report, "RFC6749-10.12-consent-csrf-missing-403");
    }
}
