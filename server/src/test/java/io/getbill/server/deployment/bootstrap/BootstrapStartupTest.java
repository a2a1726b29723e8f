package io.getbill.server.deployment.bootstrap;

import io.getbill.server.oauth.clients.OAuthClientRepository;
import io.getbill.server.directory.companies.CompanyRepository;
import io.getbill.server.directory.users.CompanyUserRepository;
import io.getbill.server.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up provisioning: bootstrap file upserts on a real MariaDB, invalid files stop the start, demo on H2. */
class BootstrapStartupTest {

    @Test
    void applyingTheBootstrapFileTwiceChangesNothingAndKeepsTheCreditBalance() {
        Map<String, Object> props = new HashMap<>(TestServers.properties(TestServers.Database.MARIADB));
        try (ApplicationContext first = ApplicationContext.run(props)) {
            CompanyRepository companies = first.getBean(CompanyRepository.class);
            var acme = companies.findByName("Acme Recovery").orElseThrow();
            assertEquals(1000, acme.credits());
            companies.update(new io.getbill.server.directory.companies.Company(acme.id(), acme.name(), acme.email(), acme.phone(), 900,
                    acme.plan(), acme.subscriptionStatus(), acme.subscriptionExpiresAt(), acme.createdAt(), acme.updatedAt()));
        }
        try (ApplicationContext second = ApplicationContext.run(props)) {
            CompanyRepository companies = second.getBean(CompanyRepository.class);
            assertEquals(2, companies.count());
            assertEquals(900, companies.findByName("Acme Recovery").orElseThrow().credits(), "the file seeds credits once");
            assertEquals(3, second.getBean(CompanyUserRepository.class).count()); // Acme's admin and member, Beta's admin
            assertEquals(6, second.getBean(OAuthClientRepository.class).count());
            var client = second.getBean(OAuthClientRepository.class).findById("acme-full").orElseThrow();
            assertFalse(client.secretHash().contains("acme-full-secret"), "only the HMAC of the secret is stored");
            assertEquals(64, client.secretHash().length());
        }
    }

    @Test
    void invalidBootstrapFileStopsTheStartNamingTheBadEntry() throws Exception {
        Map<String, Object> props = new HashMap<>(TestServers.properties(TestServers.Database.H2));
        Path bad = Files.createTempFile("bad-bootstrap", ".yaml");
        Files.writeString(bad, """
                companies:
                  - name: Acme
                    email: ops@acme.example
                    clients:
                      - client_id: acme-backend
                        client_secret: "short-secret"
                        scopes: [debts:read]
                """);
        props.put("getbill.bootstrap-file", bad.toString());
        Throwable e = assertThrows(Throwable.class, () -> ApplicationContext.run(EmbeddedServer.class, props).close());
        String messages = chain(e);
        assertTrue(messages.contains("companies[0] (name=Acme).clients[0] (client_id=acme-backend): client_secret must be at least 32 characters"), messages);
        assertFalse(messages.contains("short-secret"));
    }

    @Test
    void embeddedDefaultWithoutBootstrapFileCreatesDemoCompanyAndPrintsCredentialsOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("getbill-demo-");
        Map<String, Object> props = new HashMap<>();
        props.put("getbill.data-dir", dataDir.toString());
        props.put("datasources.default.url", "jdbc:h2:file:" + dataDir + "/getbill;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
                assertEquals(1, server.getApplicationContext().getBean(CompanyRepository.class).count());
            }
            String firstStart = captured.toString(StandardCharsets.UTF_8);
            assertTrue(firstStart.contains("DEMO CREDENTIALS"), firstStart);
            assertTrue(firstStart.contains("client_secret:"), firstStart);
            assertTrue(Files.exists(dataDir.resolve("master.key")), "the master key is generated into the data directory");
            captured.reset();
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
                assertEquals(1, server.getApplicationContext().getBean(CompanyRepository.class).count(), "data survives a restart");
            }
            assertFalse(captured.toString(StandardCharsets.UTF_8).contains("DEMO CREDENTIALS"), "credentials are printed once");
        } finally {
            System.setOut(original);
        }
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
