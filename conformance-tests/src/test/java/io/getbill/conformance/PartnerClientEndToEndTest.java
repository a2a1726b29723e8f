package io.getbill.conformance;

import io.getbill.client.GetBillClient;
import io.getbill.client.errors.AuthorizationException;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.model.CompanyProfileResponse;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partner client ({@link GetBillClient}) end to end against the real server on a real MariaDB: tokens are fetched
 * on first use and reused, errors arrive as typed exceptions, secrets never show.
 */
class PartnerClientEndToEndTest {

    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(TestServers.properties(TestServers.Database.MARIADB)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    static GetBillClient client(String id, String secret, String... scopes) {
        return GetBillClient.builder()
                .baseUrl(server.getURL().toString())
                .clientId(id)
                .clientSecret(secret)
                .scopes(scopes)
                .build();
    }

    @Test
    void clientFetchesATokenOnFirstUseAndReadsTheCompanyFromTheDatabase() throws Exception {
        GetBillClient getbill = client(TestClients.FULL_ID, TestClients.FULL_SECRET, "company:read", "users:read");
        CompanyProfileResponse profile = getbill.company().getCompanyProfile();
        assertEquals(TestClients.ACME, profile.getData().getName());
        assertEquals(2, getbill.company().listCompanyUsers().getData().size());
        assertFalse(getbill.toString().contains(TestClients.FULL_SECRET));
    }

    @Test
    void operationOutsideTheGrantedScopesRaisesAuthorizationExceptionNamingTheScope() {
        GetBillClient getbill = client(TestClients.FULL_ID, TestClients.FULL_SECRET, "company:read");
        AuthorizationException e = assertThrows(AuthorizationException.class, () -> getbill.company().listCompanyUsers());
        assertEquals(403, e.getCode());
        assertEquals("users:read", e.requiredScope().orElseThrow());
        assertEquals("insufficient_scope", e.error().orElseThrow());
    }

    @Test
    void wrongSecretRaisesTokenRequestExceptionWithoutRevealingTheSecret() {
        String wrong = "definitely-not-the-secret-0123456789-abcdef";
        GetBillClient getbill = client(TestClients.FULL_ID, wrong, "company:read");
        Exception e = assertThrows(Exception.class, () -> getbill.company().getCompanyProfile());
        Throwable cause = e instanceof TokenRequestException ? e : e.getCause();
        assertTrue(cause instanceof TokenRequestException, "typed token failure, got " + e);
        assertEquals("invalid_client", ((TokenRequestException) cause).error().orElseThrow());
        assertFalse(String.valueOf(e.getMessage()).contains(wrong));
    }
}
