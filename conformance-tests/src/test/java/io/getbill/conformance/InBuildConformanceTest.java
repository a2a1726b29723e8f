package io.getbill.conformance;

import io.getbill.conformance.core.CheckResult;
import io.getbill.conformance.spec.Features;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit inside the build: the real server on MariaDB, the same runner the command uses, plus the checks that need
 * the server's inside (tokens minted with its key). The JUnit XML goes to {@code target/conformance-reports}; the
 * test fails when a REQUIRED check fails.
 */
class InBuildConformanceTest {

    /**
     * Features this branch's server does not have yet: their checks are skipped (and listed as skipped in the report)
     * until the issue is merged. Empty this list as they land; the checks themselves are never weakened.
     */
    static final Set<String> NOT_YET_MERGED = Set.of(
            Features.AUTHORIZATION_SERVER, // issue 3: refresh tokens, /revoke, /introspect, throttling
            Features.RESOURCES,            // issue 4: debts, debtors, creditors, followups, statistics
            Features.REPORTS_WEBHOOKS,     // issue 5: reports, webhook logs
            Features.CLIENT_PACTS);        // issue 6: the client's pact files

    static KitServer server;

    @BeforeAll
    static void start() {
        server = KitServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRequiredCheckPassesAgainstTheRealServerOnMariaDb() {
        KitOptions options = KitOptions.of(server.url(), server.config())
                .withMinter(server.minter())
                .withExcludedFeatures(NOT_YET_MERGED)
                .withReportDir(Path.of("target", "conformance-reports"));
        RunReport report = new ConformanceRunner().run(options);
        String failures = report.requiredFailures().stream()
                .map(r -> r.check().id() + "\n" + r.details())
                .collect(Collectors.joining("\n"));
        assertTrue(report.conformant(), report.summaryLine() + "\n" + failures);
        assertTrue(report.results().size() > 100, "too few checks ran: " + report.summaryLine());
    }
}
