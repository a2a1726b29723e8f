package io.getbill.server.resources.ratelimit;

import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.clients.OAuthClientRepository;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not a test: a benchmark of what rate limiting adds to each counted request — {@link RateLimiter#acquire}, the
 * whole per-request decision (cached limits, the client's sliding window, the count). The database is off the
 * request path by design (one batched upsert and one read per second per instance, in {@code sync()}), so this is
 * the complete per-request cost. Prints nanoseconds per decision for 1 and 2 threads over 32 clients.
 *
 * <p>Run: {@code mvn -pl server -am package -DskipTests} (or any build that leaves target/test-classes), then
 * {@code java -cp server/target/test-classes:server/target/getbill-server-1.0.0-all.jar io.getbill.server.resources.ratelimit.RateLimitOverheadBenchmark}.
 */
public final class RateLimitOverheadBenchmark {

    private static final int CLIENTS = 32;

    public static void main(String[] args) throws Exception {
        OAuthClientRepository repository = (OAuthClientRepository) Proxy.newProxyInstance(
                RateLimitOverheadBenchmark.class.getClassLoader(), new Class<?>[]{OAuthClientRepository.class},
                (proxy, method, a) -> method.getName().equals("findById")
                        ? Optional.of(client((String) a[0])) : null);
        // No store: the first request of each client reads nothing (the load failure is caught, as when the store is down).
        RateLimiter limiter = new RateLimiter(repository, null, Duration.ofSeconds(30));
        String[] ids = new String[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            ids[i] = "bench-client-" + i;
        }
        System.out.println("JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores");
        run(limiter, ids, 1, 3_000_000); // warm-up
        for (int threads : new int[]{1, 2}) {
            for (int round = 1; round <= 3; round++) {
                run(limiter, ids, threads, 5_000_000);
            }
        }
    }

    private static void run(RateLimiter limiter, String[] ids, int threads, int perThread) throws InterruptedException {
        LongAdder allowed = new LongAdder();
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers[t] = new Thread(() -> {
                long ok = 0;
                for (int i = 0; i < perThread; i++) {
                    if (limiter.acquire(ids[(i + offset) % ids.length], (i & 3) == 0 ? RequestClass.WRITE : RequestClass.READ).allowed()) {
                        ok++;
                    }
                }
                allowed.add(ok);
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        long elapsed = System.nanoTime() - start;
        long decisions = (long) threads * perThread;
        System.out.printf("threads=%d decisions=%,d: %.0f ns per decision per thread, %,.0f decisions/s in all (allowed %,d)%n",
                threads, decisions, (double) elapsed * threads / decisions, decisions * 1e9 / elapsed, allowed.sum());
    }

    private static OAuthClient client(String id) {
        Instant now = Instant.now();
        // Limits high enough that every decision admits: the admitted path is what a normal request pays.
        return new OAuthClient(id, "bench-company", id, "0".repeat(64), null, null, "client_credentials", "debts:read",
                Integer.MAX_VALUE, Integer.MAX_VALUE, true, now, null, null, "client_secret_basic");
    }
}
