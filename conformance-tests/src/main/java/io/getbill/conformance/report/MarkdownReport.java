package io.getbill.conformance.report;

import io.getbill.conformance.RunReport;
import io.getbill.conformance.core.CheckResult;
import io.getbill.conformance.core.Outcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A readable summary: the verdict, every failure with request/expected/actual, warnings, skips, then every check. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static void write(RunReport report, Path file) throws IOException {
        StringBuilder b = new StringBuilder("# GetBill API conformance report\n\n");
        b.append("- Deployment: `").append(report.baseUrl()).append("`\n");
        b.append("- Started: ").append(report.startedAt()).append('\n');
        b.append("- Verdict: **").append(report.conformant() ? "CONFORMANT" : "NOT CONFORMANT").append("**\n");
        b.append("- ").append(report.summaryLine()).append("\n\n");

        section(b, "Failed required checks", report.requiredFailures(), true);
        section(b, "Warnings (failed recommended checks)", report.warnings(), true);

        List<CheckResult> skipped = report.results().stream().filter(r -> r.outcome() == Outcome.SKIPPED).toList();
        if (!skipped.isEmpty()) {
            b.append("## Skipped checks\n\n");
            Map<String, Long> reasons = skipped.stream().collect(Collectors.groupingBy(r -> r.message() == null ? "" : r.message(),
                    TreeMap::new, Collectors.counting()));
            b.append("| reason | checks |\n|---|---|\n");
            reasons.forEach((reason, n) -> b.append("| ").append(cell(reason)).append(" | ").append(n).append(" |\n"));
            b.append('\n');
        }

        b.append("## Every check\n\n");
        Map<String, List<CheckResult>> byGroup = report.results().stream()
                .collect(Collectors.groupingBy(r -> r.check().group(), LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<CheckResult>> g : byGroup.entrySet()) {
            b.append("### ").append(g.getKey()).append("\n\n| check | requirement | severity | outcome |\n|---|---|---|---|\n");
            for (CheckResult r : g.getValue()) {
                b.append("| `").append(r.check().id()).append("` | ").append(r.check().requirement()).append(" | ")
                        .append(r.check().severity()).append(" | ").append(outcome(r)).append(" |\n");
            }
            b.append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private static void section(StringBuilder b, String title, List<CheckResult> results, boolean details) {
        if (results.isEmpty()) {
            return;
        }
        b.append("## ").append(title).append("\n\n");
        for (CheckResult r : results) {
            b.append("### `").append(r.check().id()).append("` (").append(r.check().requirement()).append(")\n\n");
            b.append(r.check().description()).append("\n\n");
            if (details) {
                b.append("```\n").append(r.details().replace("```", "'''")).append("```\n\n");
            }
        }
    }

    private static String outcome(CheckResult r) {
        return switch (r.outcome()) {
            case PASSED -> "passed";
            case SKIPPED -> "skipped";
            case FAILED -> r.warning() ? "**warning**" : "**FAILED**";
        };
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
