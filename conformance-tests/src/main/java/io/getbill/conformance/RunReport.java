package io.getbill.conformance;

import io.getbill.conformance.core.CheckResult;
import io.getbill.conformance.core.Outcome;
import io.getbill.conformance.core.RateLimitUsage;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one run, and its verdict: conformant when no REQUIRED check failed.
 *
 * @param counted per client, the requests of the run that the deployment's rate limits count
 */
public record RunReport(URI baseUrl, Instant startedAt, long millis, List<CheckResult> results,
                        Map<String, RateLimitUsage.Counts> counted) {

    public RunReport {
        results = List.copyOf(results);
        counted = Map.copyOf(counted);
    }

    public boolean conformant() {
        return results.stream().noneMatch(CheckResult::requiredFailure);
    }

    public List<CheckResult> requiredFailures() {
        return results.stream().filter(CheckResult::requiredFailure).toList();
    }

    public List<CheckResult> warnings() {
        return results.stream().filter(CheckResult::warning).toList();
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    public Optional<CheckResult> result(String checkId) {
        return results.stream().filter(r -> r.check().id().equals(checkId)).findFirst();
    }

    /** The exit code of the command: 0 only when every REQUIRED check passed. */
    public int exitCode() {
        return conformant() ? 0 : 1;
    }

    public String summaryLine() {
        return String.format("%d checks: %d passed, %d failed (required), %d warnings (recommended), %d skipped in %.1f s — %s",
                results.size(), count(Outcome.PASSED), requiredFailures().size(), warnings().size(), count(Outcome.SKIPPED),
                millis / 1000.0, conformant() ? "CONFORMANT" : "NOT CONFORMANT");
    }
}
