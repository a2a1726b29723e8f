package io.getbill.conformance;

import io.getbill.conformance.core.CheckResult;
import io.getbill.conformance.core.Checks;

import java.io.PrintStream;

/** Progress on the console: a line per check, details under every failure. */
final class ConsoleProgress implements Checks.Listener {

    private final PrintStream out;
    private int count;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void groupStarted(String group) {
        out.println();
        out.println("== " + group);
    }

    @Override
    public void finished(CheckResult r) {
        count++;
        String tag = switch (r.outcome()) {
            case PASSED -> "PASS";
            case SKIPPED -> "SKIP";
            case FAILED -> r.warning() ? "WARN" : "FAIL";
        };
        out.printf("%4d %s %s [%s]%s%n", count, tag, r.check().id(), r.check().requirement(),
                r.outcome() == io.getbill.conformance.core.Outcome.SKIPPED && r.message() != null ? " — " + r.message() : "");
        if (r.failed()) {
            r.details().lines().forEach(line -> out.println("          " + line));
        }
        out.flush();
    }
}
