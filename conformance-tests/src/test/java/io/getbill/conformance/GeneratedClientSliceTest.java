package io.getbill.conformance;

import io.getbill.client.api.CompanyApi;
import io.getbill.client.api.TokenApi;
import io.getbill.client.invoker.ApiClient;
import io.getbill.client.invoker.ApiException;
import io.getbill.client.model.CompanyProfileResponse;
import io.getbill.client.model.TokenResponse;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The pipeline end to end: the real server on a real MariaDB, provisioned by a bootstrap file; the partner client
 * generated from the same contract gets a token and reads the company profile back from the database.
 */
class GeneratedClientSliceTest {

    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, new java.util.HashMap<>(TestServers.properties(TestServers.Database.MARIADB)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    private static ApiClient apiClient() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURL().toString());
        return client;
    }

    @Test
    void generatedClientGetsTokenAndReadsCompanyProfileFromDatabase() throws Exception {
        TokenResponse token = new TokenApi(apiClient()).issueToken("client_credentials", TestClients.FULL_ID,
                TestClients.FULL_SECRET, "company:read", null, null, null, null);
        assertEquals("company:read", token.getScope());
        assertEquals(3600, token.getExpiresIn());

        ApiClient authorized = apiClient();
        authorized.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token.getAccessToken()));
        CompanyProfileResponse profile = new CompanyApi(authorized).getCompanyProfile();
        assertFalse(profile.getError());
        assertEquals(TestClients.ACME, profile.getData().getName());
        assertEquals("ops@acme.example", profile.getData().getEmail());
        assertNotNull(profile.getData().getCreatedAt());
        assertEquals(URI.create(server.getURL().toString()).getPort(), server.getPort());
    }

    @Test
    void generatedClientWithoutTokenGets401() {
        ApiException e = assertThrows(ApiException.class, () -> new CompanyApi(apiClient()).getCompanyProfile());
        assertEquals(401, e.getCode());
    }
}
