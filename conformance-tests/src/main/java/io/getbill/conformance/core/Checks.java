package io.getbill.conformance.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs check bodies and records their results. While a body runs, every exchange it makes is kept as evidence; a
 * {@link CheckFailure} fails the check with its expected and actual values, a {@link CheckSkipped} skips it, and any
 * other exception fails it as an error. A check whose group or dependencies are excluded is recorded as skipped
 * without running.
 */
public final class Checks implements Http.Listener {

    /** A check's body. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Told about every result as it comes. */
    public interface Listener {
        void groupStarted(String group);

        void finished(CheckResult result);
    }

    private final Predicate<Check> included;
    private final Set<String> excludedFeatures;
    private final Listener listener;
    private final List<CheckResult> results = new ArrayList<>();
    private final java.util.Set<String> ids = new java.util.HashSet<>();
    private List<Exchange> current;

    public Checks(Predicate<Check> included, Set<String> excludedFeatures, Listener listener) {
        this.included = included;
        this.excludedFeatures = Set.copyOf(excludedFeatures);
        this.listener = listener;
    }

    @Override
    public synchronized void exchanged(Exchange exchange, Http.Contract contract) {
        if (current != null) {
            current.add(exchange);
        }
    }

    public void group(String name) {
        listener.groupStarted(name);
    }

    /** Whether a check would run (not excluded by group or by a feature it needs). */
    public boolean runs(Check check) {
        return included.test(check) && check.dependsOn().stream().noneMatch(excludedFeatures::contains);
    }

    public void run(Check check, Body body) {
        if (!ids.add(check.id())) {
            throw new IllegalStateException("Duplicate check id " + check.id());
        }
        if (!included.test(check)) {
            return;
        }
        List<String> excluded = check.dependsOn().stream().filter(excludedFeatures::contains).toList();
        if (!excluded.isEmpty()) {
            record(new CheckResult(check, Outcome.SKIPPED, "excluded: needs " + String.join(", ", excluded)
                    + ", which this run leaves out", null, null, List.of(), 0));
            return;
        }
        long start = System.nanoTime();
        List<Exchange> exchanges = new ArrayList<>();
        synchronized (this) {
            current = exchanges;
        }
        CheckResult result;
        try {
            body.run();
            result = new CheckResult(check, Outcome.PASSED, null, null, null, exchanges, millis(start));
        } catch (CheckFailure f) {
            List<Exchange> evidence = f.exchange() != null ? List.of(f.exchange()) : exchanges;
            result = new CheckResult(check, Outcome.FAILED, f.getMessage(), f.expected(), f.actual(), evidence, millis(start));
        } catch (CheckSkipped s) {
            result = new CheckResult(check, Outcome.SKIPPED, s.getMessage(), null, null, exchanges, millis(start));
        } catch (Exception | AssertionError e) {
            result = new CheckResult(check, Outcome.FAILED, "error while checking: " + e, null, null, exchanges, millis(start));
        } finally {
            synchronized (this) {
                current = null;
            }
        }
        record(result);
    }

    /** Records a result computed elsewhere (the contract and cache-header recorders). */
    public void record(CheckResult result) {
        if (!included.test(result.check())) {
            return;
        }
        List<String> excluded = result.check().dependsOn().stream().filter(excludedFeatures::contains).toList();
        if (!excluded.isEmpty() && result.outcome() != Outcome.SKIPPED) {
            result = new CheckResult(result.check(), Outcome.SKIPPED, "excluded: needs " + String.join(", ", excluded)
                    + ", which this run leaves out", null, null, List.of(), 0);
        }
        results.add(result);
        listener.finished(result);
    }

    public List<CheckResult> results() {
        return List.copyOf(results);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
