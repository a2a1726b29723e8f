package io.getbill.server.testsupport;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * Base of the HTTP-level resource tests: a server on a fresh database (subclasses choose MariaDB or H2) with the
 * test bootstrap file, and callers for Acme (every scope), Acme's read-only client and Beta (another company).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ResourceTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected JsonMapper json;

    protected ApiCalls acme;
    protected ApiCalls beta;
    protected ApiCalls reader;

    protected TestServers.Database database() {
        return TestServers.Database.MARIADB;
    }

    @Override
    public Map<String, String> getProperties() {
        return TestServers.properties(database());
    }

    protected String base() {
        return server.getURL().toString();
    }

    @BeforeAll
    void callers() {
        acme = ApiCalls.as(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, json);
        beta = ApiCalls.as(base(), TestClients.BETA_ID, TestClients.BETA_SECRET, json);
        reader = ApiCalls.as(base(), TestClients.READER_ID, TestClients.READER_SECRET, json);
    }
}
