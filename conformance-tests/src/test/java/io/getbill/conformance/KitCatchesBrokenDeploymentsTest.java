package io.getbill.conformance;

import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.CheckResult;
import io.getbill.conformance.core.Outcome;
import io.getbill.conformance.core.Tokens;
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
        proxy.breakWith(breakage);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        KitOptions options = KitOptions.of(proxy.url(), server.config())
                .withGroups(Set.of("discovery", "token", "bearer"))
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
}
