package io.getbill.server.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration of a server under test: a fresh database (real MariaDB, or H2 in MySQL mode), its own data
 * directory and master key, and the test bootstrap file ({@link TestClients}).
 */
public final class TestServers {

    public enum Database { MARIADB, H2 }

    private TestServers() {
    }

    public static Map<String, String> properties(Database database) {
        Map<String, String> p = new HashMap<>();
        try {
            Path dataDir = Files.createTempDirectory("getbill-test-");
            Path bootstrap = dataDir.resolve("bootstrap.yaml");
            try (InputStream in = TestServers.class.getResourceAsStream("test-bootstrap.yaml")) {
                Files.write(bootstrap, in.readAllBytes());
            }
            p.put("getbill.data-dir", dataDir.toString());
            p.put("getbill.bootstrap-file", bootstrap.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        p.put("getbill.master-key", Base64.getEncoder().encodeToString(key));
        if (database == Database.MARIADB) {
            p.put("datasources.default.url", MariaDbServer.newDatabase("getbill"));
            p.put("datasources.default.username", "root");
            p.put("datasources.default.password", "");
        } else {
            p.put("datasources.default.url", "jdbc:h2:mem:getbill" + System.nanoTime()
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        }
        return p;
    }
}
