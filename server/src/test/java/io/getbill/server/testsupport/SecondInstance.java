package io.getbill.server.testsupport;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/**
 * Another server instance on the same database, as behind a load balancer: the test's own properties (so the same
 * database, master key and issuer) on a random port. Close it in {@code @AfterAll}.
 */
public final class SecondInstance implements AutoCloseable {

    private final EmbeddedServer server;

    private SecondInstance(EmbeddedServer server) {
        this.server = server;
    }

    public static SecondInstance start(Map<String, String> properties) {
        Map<String, Object> secondProperties = new HashMap<>(properties);
        secondProperties.put("micronaut.server.port", -1);
        EmbeddedServer server = ApplicationContext.builder().environments("test").properties(secondProperties)
                .run(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return new SecondInstance(server);
    }

    public String base() {
        return server.getURL().toString();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
