package io.getbill.conformance;

import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.spec.ApiModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config file (bootstrap format): which clients the kit picks, and what it says when one is missing. */
class KitConfigTest {

    static final List<String> SCOPES = ApiModel.fromClasspath().scopes();

    @Test
    void picksFullReaderOtherCompanyAndLowLimitClients() throws Exception {
        String yaml = new String(KitConfigTest.class.getResourceAsStream(KitServer.BOOTSTRAP).readAllBytes(), StandardCharsets.UTF_8);
        KitConfig.Selection s = KitConfig.parse(yaml, "kit-bootstrap.yaml").select(SCOPES);
        assertEquals("acme-full", s.full().clientId());
        assertEquals("acme-reader", s.reader().clientId());
        assertEquals("beta-full", s.otherCompany().clientId());
        assertEquals("acme-low-limit", s.lowLimit().clientId());
        assertEquals("admin@acme.example", s.admin().email());
        assertEquals("member@acme.example", s.member().email());
    }

    @Test
    void namesEveryMissingClient() {
        String yaml = """
                companies:
                  - name: Solo
                    email: ops@solo.example
                    clients:
                      - client_id: solo-backend
                        client_secret: "solo-backend-secret-0123456789-abcdefgh"
                        grant_types: [client_credentials]
                        scopes: [debts:read, debts:write]
                      - client_id: solo-disabled
                        client_secret: "solo-disabled-secret-0123456789-abcdefg"
                        scopes: [debts:read]
                        enabled: false
                """;
        KitConfig.ConfigException e = assertThrows(KitConfig.ConfigException.class,
                () -> KitConfig.parse(yaml, "solo.yaml").select(SCOPES));
        assertTrue(e.getMessage().contains("a client with every scope"), e.getMessage());
        assertTrue(e.getMessage().contains("refresh_token grant"), e.getMessage());
        assertTrue(e.getMessage().contains("exactly one read scope"), e.getMessage());
        assertTrue(e.getMessage().contains("second company"), e.getMessage());
        assertTrue(e.getMessage().contains("role admin"), e.getMessage());
        assertTrue(e.getMessage().contains("role member"), e.getMessage());
    }

    @Test
    void namesTheMissingMemberUserOfTheFullClientsCompany() {
        String yaml = new String(readResource(), StandardCharsets.UTF_8).replace("role: member", "role: admin");
        KitConfig.ConfigException e = assertThrows(KitConfig.ConfigException.class, () -> KitConfig.parse(yaml, "x").select(SCOPES));
        assertTrue(e.getMessage().contains("role member of 'Acme Recovery'"), e.getMessage());
        assertTrue(!e.getMessage().contains("role admin"), e.getMessage());
    }

    @Test
    void noLowLimitClientIsFine() {
        String yaml = new String(readResource(), StandardCharsets.UTF_8).replace("rate_limits: {reads_per_hour: 5, writes_per_hour: 5}", "");
        assertNull(KitConfig.parse(yaml, "x").select(SCOPES).lowLimit());
    }

    @Test
    void theCommandExitsWith2AndSaysWhatIsMissing() throws Exception {
        Path config = Files.createTempFile("kit-config-", ".yaml");
        Files.writeString(config, "companies: []\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, ConformanceKit.run(new String[]{"--base-url", "http://localhost:1", "--config", config.toString()}));
            assertEquals(2, ConformanceKit.run(new String[]{"--config", config.toString()}));
        } finally {
            System.setErr(err);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("The config file lacks"), out);
        assertTrue(out.contains("--base-url and --config are required"), out);
    }

    private static byte[] readResource() {
        try {
            return KitConfigTest.class.getResourceAsStream(KitServer.BOOTSTRAP).readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
