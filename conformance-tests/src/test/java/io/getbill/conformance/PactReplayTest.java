package io.getbill.conformance;

import io.getbill.conformance.core.Outcome;
import io.getbill.conformance.spec.Features;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's pact verification ({@code --pacts}), on a fixture pact shaped like the client's: interactions
 * without data pass against the real server with the kit's credentials swapped in; an unknown provider state is
 * skipped, naming it; a broken response fails the interaction's check.
 */
class PactReplayTest {

    static KitServer server;
    static BreakingProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        server = KitServer.start();
        proxy = new BreakingProxy(server.url());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        server.close();
    }

    private static RunReport run(java.net.URI url) throws URISyntaxException {
        Path fixture = Path.of(PactReplayTest.class.getResource("/pacts-fixture").toURI());
        return new ConformanceRunner().run(KitOptions.of(url, server.config())
                .withGroups(Set.of("pact"))
                .withPactDirectory(fixture)
                .withExcludedFeatures(Set.of(Features.RESOURCES))
                .withConsole(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    @Test
    void fixturePactVerifiesAgainstTheRealServer() throws Exception {
        RunReport report = run(server.url());
        assertEquals(Outcome.PASSED, outcome(report, "PACT-getbill-java-client-a-client-credentials-token-request-with-the-secret-in-the-body"));
        assertEquals(Outcome.PASSED, outcome(report, "PACT-getbill-java-client-a-request-for-the-company-profile"));
        assertEquals(Outcome.PASSED, outcome(report, "PACT-getbill-java-client-a-request-for-the-company-profile-without-a-token"));
        assertEquals(Outcome.SKIPPED, outcome(report, "PACT-getbill-java-client-a-request-for-a-debt"));
        assertEquals(Outcome.SKIPPED, outcome(report, "PACT-getbill-java-client-a-request-needing-a-state-the-kit-does-not-know"));
        assertTrue(report.result("PACT-getbill-java-client-a-request-needing-a-state-the-kit-does-not-know").orElseThrow()
                .message().contains("the moon is full"));
        assertTrue(report.conformant(), report.summaryLine());
    }

    @Test
    void aRenamedFieldBreaksTheConsumersInteraction() throws Exception {
        proxy.breakWith(new BreakingProxy.Breakage() {
            @Override
            public void response(BreakingProxy.Message m) {
                if (m.path.startsWith("/external-api/v1/company/profile") && m.status == 200) {
                    m.responseBody = m.responseText().replace("\"email\":", "\"mail\":").getBytes(StandardCharsets.UTF_8);
                }
            }
        });
        RunReport report = run(proxy.url());
        assertEquals(Outcome.FAILED, outcome(report, "PACT-getbill-java-client-a-request-for-the-company-profile"));
        assertEquals(1, report.exitCode());
    }

    private static Outcome outcome(RunReport report, String id) {
        return report.result(id).orElseThrow(() -> new AssertionError(id + " did not run: "
                + report.results().stream().map(r -> r.check().id()).toList())).outcome();
    }
}
