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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run as JUnit XML (the Surefire format CI systems read): one {@code testsuite} per check group, one
 * {@code testcase} per check, named by its id. A failed REQUIRED check is a {@code failure} with the request, the
 * expected and the actual; a failed RECOMMENDED check passes with a {@code WARNING} in {@code system-out} (it does
 * not fail the run, so it must not fail CI); a skipped check is {@code skipped} with the reason.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(RunReport report, Path file) throws IOException {
        Map<String, List<CheckResult>> byGroup = report.results().stream()
                .collect(Collectors.groupingBy(r -> r.check().group(), LinkedHashMap::new, Collectors.toList()));
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<testsuites name=\"getbill-conformance\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                report.results().size(), report.requiredFailures().size(), report.count(Outcome.SKIPPED), report.millis() / 1000.0));
        for (Map.Entry<String, List<CheckResult>> group : byGroup.entrySet()) {
            List<CheckResult> results = group.getValue();
            long failures = results.stream().filter(CheckResult::requiredFailure).count();
            long skipped = results.stream().filter(r -> r.outcome() == Outcome.SKIPPED).count();
            double time = results.stream().mapToLong(CheckResult::millis).sum() / 1000.0;
            b.append(String.format(Locale.ROOT, "  <testsuite name=\"getbill-conformance.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\" timestamp=\"%s\">%n",
                    attr(group.getKey()), results.size(), failures, skipped, time, report.startedAt().toString().replaceFirst("\\.\\d+Z$", "")));
            b.append("    <properties>\n");
            b.append("      <property name=\"base-url\" value=\"").append(attr(report.baseUrl().toString())).append("\"/>\n");
            b.append("    </properties>\n");
            for (CheckResult r : results) {
                b.append(String.format(Locale.ROOT, "    <testcase classname=\"getbill-conformance.%s\" name=\"%s\" time=\"%.3f\">%n",
                        attr(group.getKey()), attr(r.check().id()), r.millis() / 1000.0));
                String about = "[" + r.check().requirement() + "] [" + r.check().severity() + "] " + nz(r.check().description())
                        + (r.check().dependsOn().isEmpty() ? "" : " (needs " + String.join(", ", r.check().dependsOn()) + ")");
                if (r.requiredFailure()) {
                    b.append("      <failure message=\"").append(attr(nz(r.message()))).append("\" type=\"").append(attr(r.check().requirement()))
                            .append("\">").append(text(about + "\n" + r.details())).append("</failure>\n");
                } else if (r.outcome() == Outcome.SKIPPED) {
                    b.append("      <skipped message=\"").append(attr(nz(r.message()))).append("\"/>\n");
                }
                String out = r.warning() ? "WARNING (recommended check failed)\n" + about + "\n" + r.details() : about;
                b.append("      <system-out>").append(text(out)).append("</system-out>\n");
                b.append("    </testcase>\n");
            }
            b.append("  </testsuite>\n");
        }
        b.append("</testsuites>\n");
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    private static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('?');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
