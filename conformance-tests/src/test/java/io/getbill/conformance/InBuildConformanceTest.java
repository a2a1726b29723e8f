package io.getbill.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
     * Capabilities left out of the build's run ({@code kit-excluded-features.txt}, shared with {@code .ci/run}): their
     * checks are skipped and listed as skipped in the report; the checks themselves are never weakened.
     */
    static final Set<String> EXCLUDED = excludedFeatures();

    static Set<String> excludedFeatures() {
        try {
            return Files.readAllLines(Path.of("kit-excluded-features.txt")).stream()
                    .map(line -> line.replaceAll("#.*", "").trim())
                    .filter(line -> !line.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
                .withExcludedFeatures(EXCLUDED)
                .withReportDir(Path.of("target", "conformance-reports"));
        RunReport report = new ConformanceRunner().run(options);
        String failures = report.requiredFailures().stream()
                .map(r -> r.check().id() + "\n" + r.details())
                .collect(Collectors.joining("\n"));
        assertTrue(report.conformant(), report.summaryLine() + "\n" + failures);
        assertTrue(report.results().size() > 100, "too few checks ran: " + report.summaryLine());
        var webhooks = report.results().stream().filter(r -> r.check().group().equals("webhooks")).toList();
        assertTrue(webhooks.size() == 5 && webhooks.stream().allMatch(r -> r.outcome() == io.getbill.conformance.core.Outcome.PASSED),
                "the webhook checks run and pass in the build (local receiver): " + webhooks);
    }
}
