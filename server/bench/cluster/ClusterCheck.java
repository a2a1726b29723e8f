import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of the cluster harness (run.sh starts the database and the server instances; this program sends
 * the load, acts as webhook receiver, keeps the ledger of acknowledged writes and compares it with the database).
 * Single-file program: {@code java -cp <JDBC driver jar> ClusterCheck.java MODE}. Configuration from the environment:
 * BASES (comma-separated base URLs), JDBC (URL with user and password), FULL_ID/FULL_SECRET (a client with every
 * scope and no rate limit), LIMITED_ID/LIMITED_SECRET (1,000 reads an hour), REFRESH_ID/REFRESH_SECRET (refresh
 * grant), ADMIN_EMAIL/ADMIN_PASSWORD, and per mode the variables named in run.sh.
 */
public class ClusterCheck {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newCachedThreadPool()).build();
    static final Pattern DEBT_ID = Pattern.compile("\"data\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern EVENT_ID = Pattern.compile("^\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern EVENT_DEBT_ID = Pattern.compile("\"data\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");

    static List<String> bases;
    static String jdbc;
    static int failures;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        bases = List.of(env("BASES", "http://127.0.0.1:8080").split(","));
        jdbc = env("JDBC", "");
        switch (mode) {
            case "sql" -> sql(args[1]);
            case "multi" -> multi();
            case "outage" -> outage();
            case "kill" -> kill();
            case "peak" -> peak();
            case "soak" -> soak();
            default -> {
                System.err.println("usage: ClusterCheck sql|multi|outage|kill|peak|soak");
                System.exit(2);
            }
        }
        if (failures > 0) {
            System.out.println("RESULT " + mode + ": " + failures + " check(s) FAILED");
            System.exit(1);
        }
        System.out.println("RESULT " + mode + ": all checks passed");
        // The HTTP client's and the receiver's pools are not daemon threads.
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------------- modes

    /** Item 1: checks across instances, each with its figure. */
    static void multi() throws Exception {
        String a = bases.get(0);
        String b = bases.get(1);
        String full = token(a, env("FULL_ID"), env("FULL_SECRET"));
        check("token issued by A accepted by every other instance", bases.stream().allMatch(base ->
                get(base, "/external-api/v1/company/profile", full).status == 200), "");

        // Revocation on A, refused by B: the delay is the denylist refresh interval plus the request.
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String t = token(a, env("FULL_ID"), env("FULL_SECRET"));
            check("fresh token accepted by B", get(b, "/external-api/v1/company/profile", t).status == 200, "");
            long t0 = System.nanoTime();
            Res revoke = form(a, "/revoke", basic(env("FULL_ID"), env("FULL_SECRET")), "token", t);
            check("revocation on A answered 200", revoke.status == 200, "status " + revoke.status);
            long delay = -1;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30)) {
                if (get(b, "/external-api/v1/company/profile", t).status == 401) {
                    delay = (System.nanoTime() - t0) / 1_000_000;
                    break;
                }
                Thread.sleep(20);
            }
            check("revoked token refused by B", delay >= 0, "");
            delays.add(delay);
        }
        System.out.printf("FIGURE revocation on A refused by B after (ms, 5 trials): %s%n", delays);

        // Client disabled on A (admin API), refused by B: the delay is the client cache TTL.
        Admin admin = Admin.login(a, env("ADMIN_EMAIL"), env("ADMIN_PASSWORD"));
        String victimId = env("VICTIM_ID");
        String victim = token(b, victimId, env("VICTIM_SECRET"));
        check("victim client's token accepted by B", get(b, "/external-api/v1/company/profile", victim).status == 200, "");
        long t0 = System.nanoTime();
        Res disabled = admin.post("/admin-api/v1/clients/" + victimId + "/disable", "");
        check("client disabled on A", disabled.status == 200, "status " + disabled.status + " " + disabled.body);
        long tokenRefused = -1;
        long credentialsRefused = -1;
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60) && (tokenRefused < 0 || credentialsRefused < 0)) {
            long now = (System.nanoTime() - t0) / 1_000_000;
            if (tokenRefused < 0 && get(b, "/external-api/v1/company/profile", victim).status == 401) {
                tokenRefused = now;
            }
            if (credentialsRefused < 0 && form(b, "/token", basic(victimId, env("VICTIM_SECRET")),
                    "grant_type", "client_credentials").status != 200) {
                credentialsRefused = now;
            }
            Thread.sleep(50);
        }
        check("disabled client's access token refused by B", tokenRefused >= 0, "");
        check("disabled client's credentials refused by B", credentialsRefused >= 0, "");
        System.out.printf("FIGURE client disabled on A: its access token refused by B after %d ms, its credentials after %d ms%n",
                tokenRefused, credentialsRefused);

        refreshRace(a, b);
        idempotencyRace(a, b, full);
        rateLimit();
        webhooksOnce(full, admin, Integer.parseInt(env("EVENTS", "60")));
    }

    /** The same refresh token sent to A and B at once. */
    static void refreshRace(String a, String b) throws Exception {
        int trials = Integer.parseInt(env("RACE_TRIALS", "20"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, Integer> loser = new TreeMap<>();
        int exactlyOne = 0;
        int familyAlive = 0;
        for (int i = 0; i < trials; i++) {
            Res issued = form(a, "/token", basic(env("REFRESH_ID"), env("REFRESH_SECRET")), "grant_type", "client_credentials");
            String rt = field(issued.body, "refresh_token");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Res>> both = new ArrayList<>();
            for (String base : List.of(a, b)) {
                both.add(pool.submit(() -> {
                    go.await();
                    return form(base, "/token", basic(env("REFRESH_ID"), env("REFRESH_SECRET")),
                            "grant_type", "refresh_token", "refresh_token", rt);
                }));
            }
            go.countDown();
            Res r1 = both.get(0).get();
            Res r2 = both.get(1).get();
            int ok = (r1.status == 200 ? 1 : 0) + (r2.status == 200 ? 1 : 0);
            if (ok == 1) {
                exactlyOne++;
                Res lost = r1.status == 200 ? r2 : r1;
                loser.merge(lost.status + " " + field(lost.body, "error"), 1, Integer::sum);
                String next = field((r1.status == 200 ? r1 : r2).body, "refresh_token");
                if (form(b, "/token", basic(env("REFRESH_ID"), env("REFRESH_SECRET")),
                        "grant_type", "refresh_token", "refresh_token", next).status == 200) {
                    familyAlive++;
                }
            } else {
                loser.merge("both " + r1.status + "/" + r2.status, 1, Integer::sum);
            }
        }
        pool.shutdown();
        check("same refresh token on A and B at once: exactly one new pair", exactlyOne == trials,
                exactlyOne + "/" + trials);
        // docs/operations.md: a request in flight at the same time as the winner never revokes the family; one that
        // arrives after the winner's commit does only when it comes later than the reuse leeway.
        check("winner's new refresh token still works (family not revoked)", familyAlive == exactlyOne,
                familyAlive + "/" + exactlyOne + ", reuse leeway " + env("REUSE_LEEWAY", "0s"));
        System.out.printf("FIGURE refresh race, %d trials: one new pair in %d; the other request got %s; family kept in %d%n",
                trials, exactlyOne, loser, familyAlive);
    }

    /** The same Idempotency-Key sent to A and B at once. */
    static void idempotencyRace(String a, String b, String token) throws Exception {
        int trials = Integer.parseInt(env("RACE_TRIALS", "20"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, Integer> outcomes = new TreeMap<>();
        int oneWrite = 0;
        for (int i = 0; i < trials; i++) {
            String key = UUID.randomUUID().toString();
            String marker = "idem-" + key.substring(0, 8);
            String body = debtBody(marker);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Res>> both = new ArrayList<>();
            for (String base : List.of(a, b)) {
                both.add(pool.submit(() -> {
                    go.await();
                    return send(base, "POST", "/external-api/v1/debts", token, body, "Idempotency-Key", key);
                }));
            }
            go.countDown();
            Res r1 = both.get(0).get();
            Res r2 = both.get(1).get();
            List<Integer> statuses = new ArrayList<>(List.of(r1.status, r2.status));
            Collections.sort(statuses);
            outcomes.merge(statuses.toString(), 1, Integer::sum);
            long rows = count("SELECT COUNT(*) FROM debts WHERE internal_id = '" + marker + "'");
            if (rows == 1) {
                oneWrite++;
            }
        }
        pool.shutdown();
        check("same Idempotency-Key on A and B at once: one write", oneWrite == trials, oneWrite + "/" + trials);
        System.out.printf("FIGURE idempotency race, %d trials: one row in %d; status pairs %s%n", trials, oneWrite, outcomes);
    }

    /** A client allowed 1,000 reads an hour reads through every instance as fast as it can. */
    static void rateLimit() throws Exception {
        String id = env("LIMITED_ID");
        String secret = env("LIMITED_SECRET");
        String t = token(bases.get(0), id, secret);
        int total = Integer.parseInt(env("RATE_REQUESTS", "2000"));
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long t0 = System.nanoTime();
        for (int w = 0; w < 8; w++) {
            pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < total) {
                    Res r = get(bases.get(n % bases.size()), "/external-api/v1/debts?limit=1", t);
                    (r.status == 200 ? ok : r.status == 429 ? limited : other).incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int limit = Integer.parseInt(env("LIMITED_READS", "1000"));
        // README "Rate limits": the overshoot is at most instances x sync interval x request rate.
        double syncSeconds = Double.parseDouble(env("SYNC_SECONDS", "1"));
        int bound = (int) Math.ceil(bases.size() * syncSeconds * total / Math.max(0.001, ms / 1000.0));
        check("shared read limit: no other status than 200/429", other.get() == 0, other + " other");
        check("shared read limit: reads let through within the bound", ok.get() <= limit + bound && ok.get() >= limit,
                ok + " (limit " + limit + ", bound +" + bound + ")");
        System.out.printf("FIGURE rate limit %d reads/h across %d instances: %d requests in %d ms -> %d x 200 (overshoot %d, %.1f%%), %d x 429%n",
                limit, bases.size(), total, ms, ok.get(), ok.get() - limit, 100.0 * (ok.get() - limit) / limit, limited.get());
    }

    /** Every debt.created event reaches a counting receiver, with one event id per debt. */
    static void webhooksOnce(String token, Admin admin, int events) throws Exception {
        Receiver receiver = Receiver.start();
        Res reg = admin.post("/admin-api/v1/webhooks/endpoints",
                "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"debt.created\"],\"description\":\"cluster check\"}");
        check("webhook endpoint registered", reg.status == 201, "status " + reg.status);
        Set<String> debts = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger n = new AtomicInteger();
        for (int w = 0; w < 4; w++) {
            pool.submit(() -> {
                int i;
                while ((i = n.getAndIncrement()) < events) {
                    Res r = send(bases.get(i % bases.size()), "POST", "/external-api/v1/debts", token, debtBody("wh-" + i), null, null);
                    if (r.status == 201) {
                        debts.add(match(DEBT_ID, r.body));
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60) && !receiver.debtIds.keySet().containsAll(debts)) {
            Thread.sleep(100);
        }
        long waited = (System.nanoTime() - t0) / 1_000_000;
        receiver.stop();
        // The receiver is gone: its endpoint goes too, or the next mode's events would be retried against it.
        Res removed = admin.delete("/admin-api/v1/webhooks/endpoints/" + match(DEBT_ID, reg.body));
        check("webhook endpoint removed", removed.status == 204 || removed.status == 200, "status " + removed.status);
        check("every created debt's event delivered", receiver.debtIds.keySet().containsAll(debts),
                receiver.debtIds.size() + "/" + debts.size());
        int extraIds = 0;
        for (Set<String> ids : receiver.debtIds.values()) {
            extraIds += ids.size() - 1;
        }
        check("one event id per debt", extraIds == 0, extraIds + " extra ids");
        System.out.printf("FIGURE webhooks over %d instances: %d debts created, %d deliveries, %d distinct events, %d duplicate deliveries, last one %d ms after the last create%n",
                bases.size(), debts.size(), receiver.deliveries.get(), receiver.eventIds.size(),
                receiver.deliveries.get() - receiver.eventIds.size(), waited);
    }

    /** Item 2: steady mixed load; the database stops for OUTAGE seconds in the middle. */
    static void outage() throws Exception {
        int threads = Integer.parseInt(env("THREADS", "8"));
        int before = Integer.parseInt(env("BEFORE", "10"));
        int outage = Integer.parseInt(env("OUTAGE", "30"));
        int after = Integer.parseInt(env("AFTER", "20"));
        String full = token(bases.get(0), env("FULL_ID"), env("FULL_SECRET"));
        Load load = new Load(full, threads, 0);
        long start = System.nanoTime();
        load.start();
        Thread.sleep(before * 1000L);
        // The outage begins when the database is sent SIGTERM (it refuses new connections while it shuts down).
        long stopAt = System.nanoTime();
        sh(env("DB_STOP"));
        Thread.sleep(Math.max(0, outage * 1000L - (System.nanoTime() - stopAt) / 1_000_000));
        long startAt = System.nanoTime();
        long readyAt = sh(env("DB_START"));
        Thread.sleep(after * 1000L);
        load.stop();
        List<Sample> samples = load.samples;
        System.out.printf("== outage: %d threads over %d instances, database stopped %d s after the start for %d s%n",
                threads, bases.size(), before, outage);
        report("before the outage", samples, start, stopAt);
        report("during the outage", samples, stopAt, startAt);
        report("after the database returned", samples, startAt, System.nanoTime());
        long firstWrite = samples.stream().filter(s -> s.at > startAt && s.write && s.status == 201)
                .mapToLong(s -> s.at).min().orElse(-1);
        long during500 = samples.stream().filter(s -> s.status >= 500 && s.status != 503).count();
        long hang = samples.stream().filter(s -> s.at > stopAt && s.at < startAt).mapToLong(s -> s.ms).max().orElse(0);
        long notEnvelope = samples.stream().filter(s -> s.status == 503 && !s.envelope).count();
        check("no 5xx other than 503", during500 == 0, during500 + " responses");
        check("every 503 in the documented error body with Retry-After", notEnvelope == 0, notEnvelope + " without");
        check("no request waited more than 10 s during the outage", hang < 10_000, hang + " ms");
        check("writes acknowledged again after the database returned", firstWrite > 0, "");
        long firstOk = samples.stream().filter(s -> s.at > readyAt && s.status >= 200 && s.status < 300)
                .mapToLong(s -> s.at).min().orElse(-1);
        System.out.printf("FIGURE outage %d s: slowest answer during the outage %d ms; database accepting connections %d ms after its start; then first 2xx after %d ms, first 201 write after %d ms; non-503 5xx: %d%n",
                outage, hang, (readyAt - startAt) / 1_000_000, firstOk > 0 ? (firstOk - readyAt) / 1_000_000 : -1,
                firstWrite > 0 ? (firstWrite - readyAt) / 1_000_000 : -1, during500);
        ledger(load.acknowledged);
    }

    /** Item 3: batch imports and webhook deliveries over two instances; the second is killed with SIGKILL. */
    static void kill() throws Exception {
        int threads = Integer.parseInt(env("THREADS", "4"));
        int before = Integer.parseInt(env("BEFORE", "10"));
        int after = Integer.parseInt(env("AFTER", "10"));
        int batchSize = Integer.parseInt(env("BATCH", "50"));
        String full = token(bases.get(0), env("FULL_ID"), env("FULL_SECRET"));
        Admin admin = Admin.login(bases.get(0), env("ADMIN_EMAIL"), env("ADMIN_PASSWORD"));
        Receiver receiver = Receiver.start();
        receiver.delayMillis = Integer.parseInt(env("RECEIVER_DELAY_MS", "200"));
        Res reg = admin.post("/admin-api/v1/webhooks/endpoints",
                "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"debt.created\"],\"description\":\"kill check\"}");
        check("webhook endpoint registered", reg.status == 201, "status " + reg.status);
        Load load = new Load(full, threads, batchSize);
        long start = System.nanoTime();
        load.start();
        Thread.sleep(before * 1000L);
        long killedAt = sh(env("KILL"));
        Thread.sleep(after * 1000L);
        load.stop();
        List<Sample> samples = load.samples;
        System.out.printf("== kill: %d threads posting batches of %d over %d instances; SIGKILL to the last instance %d s after the start%n",
                threads, batchSize, bases.size(), before);
        report("before the kill", samples, start, killedAt);
        report("after the kill", samples, killedAt, System.nanoTime());

        // Batches: all or nothing, and every acknowledged batch complete.
        Map<String, Long> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SUBSTRING_INDEX(internal_id, '/', 1), COUNT(*) FROM debts "
                     + "WHERE internal_id LIKE 'batch-%' GROUP BY SUBSTRING_INDEX(internal_id, '/', 1)")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        long partial = rows.values().stream().filter(n -> n != batchSize).count();
        long ackMissing = load.acknowledgedBatches.stream().filter(b -> rows.getOrDefault(b, 0L) != batchSize).count();
        long unacknowledgedCommitted = rows.keySet().stream().filter(b -> !load.acknowledgedBatches.contains(b)).count();
        check("no partial batch", partial == 0, partial + " partial");
        check("every acknowledged batch complete", ackMissing == 0, ackMissing + " missing");
        System.out.printf("FIGURE kill: %d batches acknowledged, %d batches in the database, %d committed but not acknowledged (the instance died before answering), %d partial%n",
                load.acknowledgedBatches.size(), rows.size(), unacknowledgedCommitted, partial);

        // Webhooks: every debt.created event of the outbox delivered, duplicates only with the same event id.
        Set<String> outbox = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM outbox_events WHERE type = 'debt.created'"
                     + " AND envelope LIKE '%\"internal_id\":\"batch-%'")) {
            while (rs.next()) {
                outbox.add(rs.getString(1));
            }
        }
        receiver.delayMillis = 0;
        long lease = Long.parseLong(env("LEASE_SECONDS", "10"));
        long t0 = System.nanoTime();
        long deadline = TimeUnit.SECONDS.toNanos(Long.parseLong(env("DRAIN_SECONDS", "240")));
        while (System.nanoTime() - t0 < deadline && !receiver.eventIds.containsAll(outbox)) {
            Thread.sleep(250);
        }
        long drained = (System.nanoTime() - t0) / 1_000_000;
        int deliveredAtStop = receiver.eventIds.size();
        receiver.stop();
        deliveryState(lease);
        Set<String> missing = new HashSet<>(outbox);
        missing.removeAll(receiver.eventIds);
        Set<String> unknown = new HashSet<>(receiver.eventIds);
        unknown.removeAll(outbox);
        check("every outbox event delivered after the kill", missing.isEmpty(), missing.size() + " missing");
        check("no delivery of an event id the outbox does not hold", unknown.isEmpty(), unknown.size() + " unknown");
        System.out.printf("FIGURE kill: %d events, %d deliveries, %d duplicates (same event id, at-least-once), %d delivered, backlog drained %d ms after the load stopped (lease %d s)%n",
                outbox.size(), receiver.deliveries.get(), receiver.deliveries.get() - receiver.eventIds.size(),
                deliveredAtStop, drained, lease);
    }

    /**
     * Where the webhook deliveries stand: by status; among the pending ones, how many are leased (an instance holds
     * them, or held them when it died), waiting for a retry, or due; events not fanned out yet; failed attempts by
     * error. Tells a lease not taken over, a back-off after failures and a slow worker apart.
     */
    static void deliveryState(long leaseSeconds) throws SQLException {
        long now = System.currentTimeMillis();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> failures = new TreeMap<>();
        long leased;
        long retrying;
        long due;
        long notFannedOut;
        long maxAttempts;
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM webhook_deliveries GROUP BY status")) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT SUBSTRING(COALESCE(error, CONCAT('status ', status_code)), 1, 60), COUNT(*) "
                    + "FROM webhook_attempts WHERE outcome = 'failure' GROUP BY 1")) {
                while (rs.next()) {
                    failures.put(rs.getString(1), rs.getLong(2));
                }
            }
            leased = count(s, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending' AND lease_until_ms > " + now);
            retrying = count(s, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending' AND attempts > 0 "
                    + "AND next_attempt_ms > " + now + " AND (lease_until_ms IS NULL OR lease_until_ms <= " + now + ")");
            due = count(s, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_ms <= " + now
                    + " AND (lease_until_ms IS NULL OR lease_until_ms <= " + now + ")");
            notFannedOut = count(s, "SELECT COUNT(*) FROM outbox_events WHERE dispatched_at IS NULL");
            maxAttempts = count(s, "SELECT COALESCE(MAX(attempts), 0) FROM webhook_deliveries");
        }
        System.out.printf("FIGURE webhook deliveries: %s; pending: %d leased (lease %d s), %d waiting for a retry, %d due; "
                        + "%d events not fanned out; most attempts of one delivery %d; failed attempts %s%n",
                byStatus, leased, leaseSeconds, retrying, due, notFannedOut, maxAttempts, failures);
    }

    static long count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Closed-loop mixed load with THREADS threads for DURATION seconds: the peak throughput. */
    static void peak() throws Exception {
        int threads = Integer.parseInt(env("THREADS", "16"));
        int duration = Integer.parseInt(env("DURATION", "30"));
        String full = token(bases.get(0), env("FULL_ID"), env("FULL_SECRET"));
        Load warm = new Load(full, threads, 0);
        warm.start();
        Thread.sleep(Integer.parseInt(env("WARMUP", "15")) * 1000L);
        warm.stop();
        Load load = new Load(full, threads, 0);
        long t0 = System.nanoTime();
        load.start();
        Thread.sleep(duration * 1000L);
        load.stop();
        report("peak", load.samples, t0, System.nanoTime());
        double rate = load.samples.size() / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("PEAK %.0f%n", rate);
    }

    /** Open-loop mixed load at RATE requests/s for DURATION seconds; a line per interval. */
    static void soak() throws Exception {
        int rate = Integer.parseInt(env("RATE", "100"));
        int duration = Integer.parseInt(env("DURATION", "600"));
        int interval = Integer.parseInt(env("INTERVAL", "60"));
        String full = token(bases.get(0), env("FULL_ID"), env("FULL_SECRET"));
        Load load = new Load(full, Integer.parseInt(env("THREADS", "32")), 0);
        load.ratePerSecond = rate;
        long t0 = System.nanoTime();
        load.start();
        for (int i = 1; i * interval <= duration; i++) {
            long from = t0 + TimeUnit.SECONDS.toNanos((long) (i - 1) * interval);
            long to = t0 + TimeUnit.SECONDS.toNanos((long) i * interval);
            Thread.sleep(Math.max(0, (to - System.nanoTime()) / 1_000_000));
            report(String.format("%4d-%-4d s", (i - 1) * interval, i * interval), load.samples, from, to);
            sh(env("SAMPLE", "true"));
        }
        load.stop();
        long errors = load.samples.stream().filter(s -> s.status >= 400 || s.status <= 0).count();
        check("soak: zero errors", errors == 0, errors + " errors");
        ledger(load.acknowledged);
    }

    // ------------------------------------------------------------------------------------------ load and ledger

    record Sample(long at, boolean write, int status, long ms, boolean envelope) {
    }

    /** Mixed load: 40 % creates (ledger), 40 % reads by id, 20 % token requests, spread over every instance. */
    static final class Load {
        final String token;
        final int threads;
        final int batchSize;
        final List<Sample> samples = new CopyOnWriteArrayList<>();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Set<String> acknowledgedBatches = ConcurrentHashMap.newKeySet();
        final List<String> known = new CopyOnWriteArrayList<>();
        final AtomicLong sequence = new AtomicLong();
        volatile boolean running = true;
        volatile int ratePerSecond;
        final List<Thread> workers = new ArrayList<>();
        final Set<String> dead = ConcurrentHashMap.newKeySet();

        Load(String token, int threads, int batchSize) {
            this.token = token;
            this.threads = threads;
            this.batchSize = batchSize;
        }

        void start() {
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(this::work);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : workers) {
                t.join(60_000);
            }
        }

        void work() {
            long nextAt = System.nanoTime();
            while (running) {
                if (ratePerSecond > 0) {
                    nextAt += TimeUnit.SECONDS.toNanos(threads) / ratePerSecond;
                    long wait = nextAt - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                long n = sequence.incrementAndGet();
                List<String> alive = bases.stream().filter(b -> !dead.contains(b)).toList();
                String base = alive.get((int) (n % alive.size()));
                int dice = ThreadLocalRandom.current().nextInt(10);
                long t0 = System.nanoTime();
                Res r;
                boolean write = false;
                if (batchSize > 0) {
                    write = true;
                    String batch = "batch-" + n;
                    StringBuilder body = new StringBuilder("{\"batch_name\":\"" + batch + "\",\"debts\":[");
                    for (int i = 0; i < batchSize; i++) {
                        body.append(i == 0 ? "" : ",").append(debtBody(batch + "/" + i));
                    }
                    r = send(base, "POST", "/external-api/v1/debts/batch", token, body.append("]}").toString(), null, null);
                    if (r.status == 200 && r.body.contains("\"created\"")) {
                        acknowledgedBatches.add(batch);
                    }
                } else if (dice < 4 || known.isEmpty()) {
                    write = true;
                    r = send(base, "POST", "/external-api/v1/debts", token, debtBody("load-" + n), null, null);
                    if (r.status == 201) {
                        String id = match(DEBT_ID, r.body);
                        acknowledged.add(id);
                        known.add(id);
                    }
                } else if (dice < 8) {
                    r = get(base, "/external-api/v1/debts/" + known.get(ThreadLocalRandom.current().nextInt(known.size())), token);
                } else {
                    r = form(base, "/token", basic(env("FULL_ID"), env("FULL_SECRET")), "grant_type", "client_credentials");
                }
                if (r.status == -1 && r.connectionRefused) {
                    dead.add(base);
                }
                boolean envelope = r.status != 503 || (r.retryAfter && (r.body.contains("\"code\":503")
                        || r.body.contains("\"error\":\"temporarily_unavailable\"")));
                samples.add(new Sample(System.nanoTime(), write, r.status, (System.nanoTime() - t0) / 1_000_000, envelope));
            }
        }
    }

    /** Every acknowledged create is in the database and has its debt.created event in the outbox. */
    static void ledger(Set<String> acknowledged) throws SQLException {
        Set<String> inDb = new HashSet<>();
        Set<String> withEvent = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM debts")) {
                while (rs.next()) {
                    inDb.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT envelope FROM outbox_events WHERE type = 'debt.created'")) {
                while (rs.next()) {
                    Matcher m = EVENT_DEBT_ID.matcher(rs.getString(1));
                    if (m.find()) {
                        withEvent.add(m.group(1));
                    }
                }
            }
        }
        long missing = acknowledged.stream().filter(id -> !inDb.contains(id)).count();
        long noEvent = acknowledged.stream().filter(id -> !withEvent.contains(id)).count();
        check("ledger: every write acknowledged with 2xx is in the database", missing == 0, missing + " missing");
        check("ledger: every acknowledged write has its outbox event", noEvent == 0, noEvent + " without event");
        System.out.printf("FIGURE ledger: %d writes acknowledged, %d missing from the database, %d without outbox event%n",
                acknowledged.size(), missing, noEvent);
    }

    static void report(String phase, List<Sample> all, long from, long to) {
        List<Sample> in = all.stream().filter(s -> s.at >= from && s.at < to).toList();
        Map<Integer, Integer> statuses = new TreeMap<>();
        in.forEach(s -> statuses.merge(s.status, 1, Integer::sum));
        long[] ms = in.stream().mapToLong(Sample::ms).sorted().toArray();
        double seconds = Math.max(0.001, (to - from) / 1e9);
        System.out.printf("  %-30s %6d requests %7.1f/s  p50 %5d ms  p99 %5d ms  max %6d ms  statuses %s%n", phase,
                in.size(), in.size() / seconds, pct(ms, 50), pct(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1], statuses);
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    // ---------------------------------------------------------------------------------------------- receiver

    /** A webhook receiver counting deliveries per event id and event ids per debt id. */
    static final class Receiver {
        final HttpServer server;
        final AtomicInteger deliveries = new AtomicInteger();
        final Set<String> eventIds = ConcurrentHashMap.newKeySet();
        final Map<String, Set<String>> debtIds = new ConcurrentHashMap<>();
        volatile int delayMillis;

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            Receiver receiver = new Receiver(server);
            server.setExecutor(Executors.newFixedThreadPool(64));
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (receiver.delayMillis > 0) {
                    try {
                        Thread.sleep(receiver.delayMillis);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }
                receiver.deliveries.incrementAndGet();
                Matcher id = EVENT_ID.matcher(body);
                if (id.find()) {
                    receiver.eventIds.add(id.group(1));
                    Matcher debt = EVENT_DEBT_ID.matcher(body);
                    if (debt.find()) {
                        receiver.debtIds.computeIfAbsent(debt.group(1), k -> ConcurrentHashMap.newKeySet()).add(id.group(1));
                    }
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        void stop() {
            server.stop(0);
        }
    }

    // -------------------------------------------------------------------------------------------------- HTTP

    record Res(int status, String body, boolean retryAfter, boolean connectionRefused) {
    }

    /** An admin session (cookie + CSRF token). */
    record Admin(String base, String cookie, String csrf) {
        static Admin login(String base, String email, String password) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/admin-api/v1/login"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                    .build();
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
                return new Admin(base, cookie, field(r.body(), "csrf_token"));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("admin login failed", e);
            }
        }

        Res post(String path, String json) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf);
            if (!json.isEmpty()) {
                b.header("Content-Type", "application/json");
            }
            return exchange(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        Res delete(String path) {
            return exchange(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).DELETE().build());
        }
    }

    static String token(String base, String id, String secret) {
        Res r = form(base, "/token", basic(id, secret), "grant_type", "client_credentials");
        if (r.status != 200) {
            throw new IllegalStateException("token for " + id + ": " + r.status + " " + r.body);
        }
        return field(r.body, "access_token");
    }

    static Res get(String base, String path, String bearer) {
        return send(base, "GET", path, bearer, null, null, null);
    }

    static Res send(String base, String method, String path, String bearer, String json, String header, String value) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer);
        if (header != null) {
            b.header(header, value);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return exchange(b.build());
    }

    static Res form(String base, String path, String authorization, String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    static Res exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").isPresent(), false);
        } catch (ConnectException e) {
            return new Res(-1, e.toString(), false, true);
        } catch (IOException e) {
            // A connection reset by an instance that died mid-request: no answer, so nothing acknowledged.
            return new Res(-1, e.toString(), false, e.getMessage() == null || e.getMessage().contains("refused"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Res(-2, e.toString(), false, false);
        }
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String debtBody(String internalId) {
        return "{\"firstname\":\"Jean\",\"lastname\":\"Martin\",\"email\":\"jean.martin@example.com\",\"amount\":125.50,"
                + "\"currency\":\"EUR\",\"internal_id\":\"" + internalId + "\"}";
    }

    // ----------------------------------------------------------------------------------------------- helpers

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    static long count(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Runs a shell command of run.sh's (stop/start the database, kill an instance); returns when it finished. */
    static long sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        p.waitFor();
        return System.nanoTime();
    }

    static void check(String what, boolean ok, String detail) {
        System.out.printf(Locale.ROOT, "%s %s%s%n", ok ? "PASS" : "FAIL", what, detail.isEmpty() ? "" : " (" + detail + ")");
        if (!ok) {
            failures++;
        }
    }

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return v;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
