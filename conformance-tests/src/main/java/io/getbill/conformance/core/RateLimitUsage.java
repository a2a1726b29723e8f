package io.getbill.conformance.core;


import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts, per client, the requests of a run that the deployment's rate limits count: bearer requests to
 * {@code /external-api/} answered with anything but 401, 403 (refused before counting, per the contract's order of
 * checks) or 429 (refused by the limit itself), as reads ({@code GET}, {@code HEAD}, {@code OPTIONS}) or writes.
 * The console prints them at the end of a run, so an operator knows the hourly limits the kit's clients need.
 */
public final class RateLimitUsage implements Http.Listener {

    /** One client's counted requests. */
    public record Counts(long reads, long writes) {
        Counts plus(boolean read) {
            return read ? new Counts(reads + 1, writes) : new Counts(reads, writes + 1);
        }
    }

    private final Map<String, Counts> counts = new TreeMap<>();

    @Override
    public synchronized void exchanged(Exchange exchange, Http.Contract contract) {
        int status = exchange.status();
        if (status < 0 || status == 401 || status == 403 || status == 429 || !exchange.path().startsWith("/external-api/")) {
            return;
        }
        java.util.Optional<String> id = Http.bearerClientId(exchange.requestHeader("Authorization").orElse(""));
        if (id.isEmpty()) {
            return;
        }
        String client = id.get();
        boolean read = switch (exchange.method()) {
            case "GET", "HEAD", "OPTIONS" -> true;
            default -> false;
        };
        counts.merge(client, new Counts(0, 0).plus(read), (a, b) -> new Counts(a.reads() + b.reads(), a.writes() + b.writes()));
    }

    /** Client id → counted reads and writes, sorted by client id. */
    public synchronized Map<String, Counts> counts() {
        return Map.copyOf(counts);
    }

    /** {@code acme-full 412 reads, 230 writes; ...}, or {@code none}. */
    public synchronized String summary() {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().reads() + " reads, " + e.getValue().writes() + " writes")
                .collect(Collectors.joining("; "));
    }
}
