package io.getbill.conformance.core;

import java.util.List;

/**
 * The result of one check. On failure: why ({@code message}), the expected and the actual value, and the exchanges
 * (request and response) that showed it.
 */
public record CheckResult(Check check, Outcome outcome, String message, String expected, String actual,
                          List<Exchange> exchanges, long millis) {

    public CheckResult {
        exchanges = exchanges == null ? List.of() : List.copyOf(exchanges);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    public boolean requiredFailure() {
        return failed() && check.severity() == Severity.REQUIRED;
    }

    public boolean warning() {
        return failed() && check.severity() == Severity.RECOMMENDED;
    }

    /** The request, the expected and the actual, as printed on the console and in the reports. */
    public String details() {
        StringBuilder b = new StringBuilder();
        if (message != null) {
            b.append(message).append('\n');
        }
        if (expected != null) {
            b.append("Expected: ").append(expected).append('\n');
        }
        if (actual != null) {
            b.append("Actual:   ").append(actual).append('\n');
        }
        if (!exchanges.isEmpty()) {
            Exchange last = exchanges.get(exchanges.size() - 1);
            b.append("Request:\n").append(indent(last.describeRequest()));
            b.append("Response:\n").append(indent(last.describeResponse()));
        }
        return b.toString();
    }

    private static String indent(String s) {
        StringBuilder b = new StringBuilder();
        s.lines().forEach(line -> b.append("  ").append(line).append('\n'));
        return b.toString();
    }
}
