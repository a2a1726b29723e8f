package io.getbill.conformance;

import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.core.CheckResult;
import io.getbill.conformance.core.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit against a deployment configured by a file it did not write ({@code operator-bootstrap.yaml}: other names
 * and order, a one-read-scope client holding the refresh_token grant), with the server's default settings (client
 * authentication throttling included, its window shortened to 2 s as if the runs were a minute apart) except loopback
 * webhook endpoints:
 * <ul>
 *   <li>with the rate limits docs/conformance-kit.md names, two runs in a row are CONFORMANT and meet no 429, and each
 *       run stays within half of those limits;</li>
 *   <li>with the default limits (the same companies under other names, without {@code rate_limits}), a second run
 *       within the hour meets 429s: the checks that met them are skipped with the operation and Retry-After, and
 *       none fails.</li>
 * </ul>
 * The server's bootstrap file holds both sets of companies; each pair of runs reads only its own set as its config.
 */
class OperatorConfigConformanceTest {

    static final String BOOTSTRAP = "operator-bootstrap.yaml";
    /** docs/conformance-kit.md: the hourly limits for two runs within the hour (reads: the default). */
    static final int DOCUMENTED_READS = 1000;
    static final int DOCUMENTED_WRITES = 1000;

    static String documented;
    static String defaults;
    static KitServer server;

    @BeforeAll
    static void start() {
        documented = KitServer.resource(BOOTSTRAP);
        defaults = documented.lines().filter(l -> !l.contains("rate_limits:")).collect(Collectors.joining("\n", "", "\n"))
                .replace("client_id: ", "client_id: default-")
                .replace("  - name: ", "  - name: Default ")
                .replace("@", "@default.");
        // The kit fails client authentication on purpose; runs back to back from one address would add up in one throttle
        // window (default 1 min) and throttle the address: a short window lets each run start afresh, as runs a minute apart do.
        server = KitServer.start(merged(documented, defaults), Map.of("getbill.client-authentication.throttle.window", "2s"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withTheDocumentedLimitsTwoRunsInARowAreConformantAndMeetNoRateLimit() {
        for (int run = 1; run <= 2; run++) {
            RunReport report = run(documented, "documented limits, run " + run);
            assertTrue(report.conformant(), failures(report));
            assertEquals(List.of(), rateLimited(report), "no check may meet a 429 with the documented limits");
            report.counted().forEach((client, counts) -> {
                assertTrue(counts.reads() * 2 <= DOCUMENTED_READS && counts.writes() * 2 <= DOCUMENTED_WRITES,
                        client + " needs more than half the documented limits in one run: " + counts);
            });
            assertTrue(report.count(Outcome.PASSED) > 300, report.summaryLine());
        }
    }

    @Test
    void withTheDefaultLimitsARerunWithinTheHourSkipsWhatItCannotRunAndFailsNone() {
        RunReport first = run(defaults, "default limits, run 1");
        assertTrue(first.conformant(), failures(first));
        RunReport rerun = run(defaults, "default limits, run 2");
        assertTrue(rerun.conformant(), failures(rerun));
        List<CheckResult> limited = rateLimited(rerun);
        assertTrue(!limited.isEmpty(), "the rerun should have met the default write limit: " + rerun.summaryLine());
        for (CheckResult r : limited) {
            assertTrue(r.message().matches("rate limited: [A-Z]+ /\\S+ for client \\S+ answered 429 \\(Retry-After \\d+ s\\).*"),
                    r.check().id() + ": " + r.message());
        }
        System.out.println("Rerun with the default limits: " + limited.size() + " checks skipped on 429, e.g. "
                + limited.get(0).check().id() + ": " + limited.get(0).message());
    }

    private static RunReport run(String config, String label) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunReport report = new ConformanceRunner().run(KitOptions.of(server.url(), KitConfig.parse(config, label))
                .withConsole(new PrintStream(console, true, StandardCharsets.UTF_8)));
        System.out.println(label + ": " + report.summaryLine());
        System.out.println(label + ": counted " + report.counted().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().reads() + " reads, " + e.getValue().writes() + " writes")
                .collect(Collectors.joining("; ")) + "; " + rateLimited(report).size() + " skipped on 429");
        report.results().stream()
                .filter(r -> r.warning() || (r.outcome() == Outcome.SKIPPED && !rateLimited(report).contains(r)))
                .forEach(r -> System.out.println(label + ": " + (r.warning() ? "WARN " : "SKIP ") + r.check().id() + " — " + r.message()));
        return report;
    }

    private static List<CheckResult> rateLimited(RunReport report) {
        return report.results().stream()
                .filter(r -> r.outcome() == Outcome.SKIPPED && r.message() != null && r.message().startsWith("rate limited"))
                .toList();
    }

    private static String failures(RunReport report) {
        return report.summaryLine() + "\n" + report.requiredFailures().stream()
                .map(r -> r.check().id() + "\n" + r.details()).collect(Collectors.joining("\n"));
    }

    /** One bootstrap file holding the companies of both. */
    @SuppressWarnings("unchecked")
    static String merged(String a, String b) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> companies = new ArrayList<>((List<Object>) ((Map<String, Object>) yaml.load(a)).get("companies"));
        companies.addAll((List<Object>) ((Map<String, Object>) yaml.load(b)).get("companies"));
        return yaml.dump(Map.of("companies", companies));
    }
}
