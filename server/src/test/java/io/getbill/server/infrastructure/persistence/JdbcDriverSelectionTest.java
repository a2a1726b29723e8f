package io.getbill.server.infrastructure.persistence;

import io.getbill.server.testsupport.MariaDbServer;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The URL's scheme picks the JDBC driver: the build runs the suite once per driver (MariaDbServer), and this test
 * fails if a run is not on the driver it claims to test.
 */
@MicronautTest(transactional = false)
class JdbcDriverSelectionTest extends ServerTest {

    @Inject
    DataSource dataSource;

    @Test
    void theServersConnectionsComeFromTheDriverTheUrlNames() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            String url = connection.getMetaData().getURL();
            String driverName = connection.getMetaData().getDriverName();
            if (MariaDbServer.driver().equals("mariadb")) {
                assertTrue(url.startsWith("jdbc:mariadb:"), url);
                assertTrue(driverName.contains("MariaDB"), driverName);
            } else {
                assertTrue(url.startsWith("jdbc:mysql:"), url);
                assertTrue(driverName.contains("MySQL Connector/J"), driverName);
            }
        }
    }
}
