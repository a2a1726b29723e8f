import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JDBC driver's share of {@code GET /debts/{id}}: the same primary-key lookup as {@code DebtQueries.find} (every
 * column of {@code debts} in table order, as {@code DebtRows} selects them; read from the table's definition, so the
 * two cannot drift apart; a server-side prepared statement from the driver's statement cache), from 32
 * threads over 20 connections, with no server around it. Prints lookups per second and the client's CPU per lookup
 * (process CPU time over the measured seconds, after a 10 s warm-up). Needs the MariaDB of {@code run.sh} with its
 * data (see README.md).
 *
 * <p>Usage (Java 21+): {@code java -cp <driver jar> JdbcBench.java <jdbc url> virtual|platform <seconds> <ids file>}
 */
public class JdbcBench {

    private static final int THREADS = 32;
    private static final int CONNECTIONS = 20;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        boolean virtual = args[1].equals("virtual");
        int seconds = Integer.parseInt(args[2]);
        List<String> ids = Files.readAllLines(Path.of(args[3]));
        String company = companyOf(url, ids.get(0));
        String sql = "SELECT " + columns(url) + " FROM debts WHERE id = ? AND company_id = ?";

        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(CONNECTIONS);
        for (int i = 0; i < CONNECTIONS; i++) {
            pool.add(DriverManager.getConnection(url, "root", ""));
        }
        AtomicLong lookups = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ThreadFactory threads = virtual ? Thread.ofVirtual().factory() : Thread.ofPlatform().factory();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = threads.newThread(() -> {
                Random random = new Random();
                while (!stop.get()) {
                    try {
                        lookUp(pool, sql, ids.get(random.nextInt(ids.size())), company);
                    } catch (Exception e) {
                        e.printStackTrace();
                        return;
                    }
                    if (measuring.get()) {
                        lookups.incrementAndGet();
                    }
                }
            });
            thread.start();
            started.add(thread);
        }

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(10_000);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long cpu1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        stop.set(true);
        for (Thread thread : started) {
            thread.join();
        }
        System.out.printf("%s, %s threads: %.0f lookups/s, client CPU %.1f µs per lookup%n", url.split("\\?")[0],
                args[1], lookups.get() / ((t1 - t0) / 1e9), (cpu1 - cpu0) / 1e3 / lookups.get());
    }

    private static void lookUp(BlockingQueue<Connection> pool, String sql, String id, String company) throws Exception {
        Connection connection = pool.take();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.setString(2, company);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    for (int i = 1, n = rows.getMetaData().getColumnCount(); i <= n; i++) {
                        rows.getObject(i);
                    }
                }
            }
        } finally {
            pool.put(connection);
        }
    }

    private static String columns(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "root", "");
             PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                     + " WHERE table_schema = DATABASE() AND table_name = 'debts' ORDER BY ordinal_position");
             ResultSet rows = statement.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return String.join(", ", names);
        }
    }

    private static String companyOf(String url, String debtId) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "root", "");
             PreparedStatement statement = connection.prepareStatement("SELECT company_id FROM debts WHERE id = ?")) {
            statement.setString(1, debtId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
