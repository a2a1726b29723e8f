import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Bulk-loads debts (and their debtors) into one company of the benchmark database with JDBC batches
 * (rewriteBatchedStatements), then writes a sample of debt ids for GET /debts/{id} and prints the EXPLAIN of the
 * list query. Run with the MySQL connector on the class path:
 *
 *   java -cp mysql-connector-j.jar BenchLoader.java JDBC_URL "Company name" COUNT IDS_FILE
 *   java -cp mysql-connector-j.jar BenchLoader.java JDBC_URL "Company name" explain
 *
 * Distribution: 11 statuses (in_progress about 18%: one debt in ten, plus its share of the uniform draw over the
 * 11), currencies EUR 70% / USD 15% / GBP 10% / CHF 5%, created_at uniform over the last 730 days, one debtor per
 * 10 debts.
 */
public class BenchLoader {

    static final String[] STATUSES = {"pending", "in_progress", "processing", "settled", "paid", "partial", "failed",
            "archived", "invalid_phone", "on_hold", "refused"};
    static final SecureRandom SECURE = new SecureRandom();
    static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String companyName = args[1];
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            String companyId = companyId(c, companyName);
            if (args[2].equals("explain")) {
                explain(c, companyId);
                return;
            }
            load(c, companyId, Integer.parseInt(args[2]), Path.of(args[3]));
        }
    }

    static String companyId(Connection c, String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM companies WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No company " + name + " (start the server with the bench bootstrap first)");
                }
                return rs.getString(1);
            }
        }
    }

    static String id() {
        byte[] b = new byte[16];
        SECURE.nextBytes(b);
        return URL.encodeToString(b);
    }

    static void load(Connection c, String companyId, int count, Path idsFile) throws Exception {
        long started = System.nanoTime();
        c.setAutoCommit(false);
        Random random = new Random(42);
        Instant now = Instant.now();
        int debtorCount = Math.max(1, count / 10);
        String[] debtorIds = new String[debtorCount];
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO debtors (id, company_id, first_name, last_name, phone, first_seen_at, last_seen_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < debtorCount; i++) {
                debtorIds[i] = id();
                Timestamp t = Timestamp.from(now.minus(Duration.ofDays(random.nextInt(730))));
                ps.setString(1, debtorIds[i]);
                ps.setString(2, companyId);
                ps.setString(3, "First" + i);
                ps.setString(4, "Last" + i);
                ps.setString(5, String.format("+33%d%08d", 6 + (i / 100_000_000), i % 100_000_000));
                ps.setTimestamp(6, t);
                ps.setTimestamp(7, t);
                ps.setTimestamp(8, t);
                ps.addBatch();
                if ((i + 1) % 5000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        List<String> sample = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO debts (id, company_id, debtor_id, status, currency, amount, firstname, lastname, phone,
                    subject, internal_id, metadata_json, search_internal_id, search_firstname, search_lastname,
                    search_object, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < count; i++) {
                String id = id();
                int d = random.nextInt(debtorCount);
                int roll = random.nextInt(100);
                String currency = roll < 70 ? "EUR" : roll < 85 ? "USD" : roll < 95 ? "GBP" : "CHF";
                String status = random.nextInt(10) == 0 ? "in_progress" : STATUSES[random.nextInt(STATUSES.length)];
                Timestamp created = Timestamp.from(now.minusSeconds((long) (random.nextDouble() * 730 * 86400)));
                String internalId = "BENCH-" + i;
                String subject = "Invoice " + i;
                ps.setString(1, id);
                ps.setString(2, companyId);
                ps.setString(3, debtorIds[d]);
                ps.setString(4, status);
                ps.setString(5, currency);
                ps.setBigDecimal(6, BigDecimal.valueOf(1000 + random.nextInt(500_000), 2));
                ps.setString(7, "First" + d);
                ps.setString(8, "Last" + d);
                ps.setString(9, null);
                ps.setString(10, subject);
                ps.setString(11, internalId);
                ps.setString(12, internalId.toLowerCase());
                ps.setString(13, ("First" + d).toLowerCase());
                ps.setString(14, ("Last" + d).toLowerCase());
                ps.setString(15, subject.toLowerCase());
                ps.setTimestamp(16, created);
                ps.setTimestamp(17, created);
                ps.addBatch();
                if (sample.size() < 10_000 && random.nextInt(Math.max(1, count / 10_000)) == 0) {
                    sample.add(id);
                }
                if ((i + 1) % 5000 == 0) {
                    ps.executeBatch();
                    c.commit();
                    if ((i + 1) % 100_000 == 0) {
                        System.out.printf("  %,d debts loaded (%.0f s)%n", i + 1, (System.nanoTime() - started) / 1e9);
                    }
                }
            }
            ps.executeBatch();
            c.commit();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE TABLE debts");
            s.execute("ANALYZE TABLE debtors");
            s.execute("ANALYZE TABLE debt_counts");
        }
        c.commit();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(idsFile))) {
            sample.forEach(out::println);
        }
        System.out.printf("Loaded %,d debts and %,d debtors in %.1f s; %d sample ids in %s%n", count, debtorCount,
                (System.nanoTime() - started) / 1e9, sample.size(), idsFile);
    }

    /** The list query exactly as the server sends it (DebtQueries), with the benchmark's values. */
    static void explain(Connection c, String companyId) throws Exception {
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(30));
        String where = "company_id = ? AND status = ? AND currency = ? AND created_at >= ? AND created_at < ?";
        for (String sql : new String[]{
                "EXPLAIN SELECT * FROM debts WHERE " + where + " ORDER BY created_at DESC, id LIMIT 20 OFFSET 0",
                "EXPLAIN SELECT COUNT(*) FROM debts WHERE " + where,
                // pagination.total since V10: the whole days' counters (plus an index count of partial end days)
                "EXPLAIN SELECT COALESCE(SUM(debts), 0) FROM debt_counts WHERE company_id = ? AND status = ? AND currency = ?"
                        + " AND created_day >= ? AND created_day < ?",
                "EXPLAIN SELECT * FROM debts WHERE id = ? AND company_id = ?"}) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (sql.contains("debt_counts")) {
                    ps.setString(1, companyId);
                    ps.setString(2, "in_progress");
                    ps.setString(3, "EUR");
                    ps.setObject(4, java.time.LocalDate.ofInstant(from, java.time.ZoneOffset.UTC).plusDays(1));
                    ps.setObject(5, java.time.LocalDate.ofInstant(to, java.time.ZoneOffset.UTC));
                } else if (sql.contains("id = ? AND company_id")) {
                    ps.setString(1, "x");
                    ps.setString(2, companyId);
                } else {
                    ps.setString(1, companyId);
                    ps.setString(2, "in_progress");
                    ps.setString(3, "EUR");
                    ps.setTimestamp(4, Timestamp.from(from));
                    ps.setTimestamp(5, Timestamp.from(to));
                }
                System.out.println(sql.replace("EXPLAIN ", "EXPLAIN  "));
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    StringBuilder header = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        header.append(rs.getMetaData().getColumnLabel(i)).append(i < n ? " | " : "");
                    }
                    System.out.println("  " + header);
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            row.append(rs.getString(i)).append(i < n ? " | " : "");
                        }
                        System.out.println("  " + row);
                    }
                }
            }
        }
    }
}
