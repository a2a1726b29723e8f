package io.getbill.server.oauth.clients;

import io.getbill.server.infrastructure.config.AdjustableClock;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client records cache of {@link ClientRegistry} on the server's real repository: an entry lives its TTL by the
 * server's clock, and the cache holds at most its bound, evicting one record at a time.
 */
@MicronautTest(transactional = false)
class ClientRegistryCacheTest extends ServerTest {

    @Inject
    OAuthClientRepository repository;
    @Inject
    DataSource dataSource;

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    private void rename(String clientId, String name) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE oauth_clients SET name = ? WHERE client_id = ?")) {
            update.setString(1, name);
            update.setString(2, clientId);
            assertEquals(1, update.executeUpdate());
        }
    }

    @Test
    void cachedRecordIsServedUntilItsTtlPassesOnTheServersClock() throws SQLException {
        AdjustableClock clock = new AdjustableClock(Instant.now());
        ClientRegistry registry = new ClientRegistry(repository, Duration.ofSeconds(5), clock, 10);
        String original = registry.find(TestClients.READER_ID).orElseThrow().name();
        try {
            rename(TestClients.READER_ID, "Renamed elsewhere");
            clock.advance(Duration.ofSeconds(4));
            assertEquals(original, registry.find(TestClients.READER_ID).orElseThrow().name(), "within the TTL: cached");
            clock.advance(Duration.ofSeconds(1));
            assertEquals("Renamed elsewhere", registry.find(TestClients.READER_ID).orElseThrow().name(), "TTL over: reloaded");
        } finally {
            rename(TestClients.READER_ID, original);
        }
    }

    @Test
    void cacheStaysWithinItsBoundWithoutEmptyingItself() {
        ClientRegistry registry = new ClientRegistry(repository, Duration.ofMinutes(1), new AdjustableClock(Instant.now()), 3);
        List<String> clients = List.of(TestClients.FULL_ID, TestClients.READER_ID, TestClients.PARTNER_ID,
                TestClients.BETA_ID, TestClients.BETA_REFRESH_ID);
        for (int round = 0; round < 20; round++) {
            for (String clientId : clients) {
                assertTrue(registry.find(clientId).isPresent(), clientId);
            }
        }
        long size = registry.cachedClients();
        assertTrue(size <= 3 && size >= 2, "bounded and never emptied: " + size);
    }
}
