package io.getbill.server.deployment.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapFileTest {

    static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-0123";

    static String file(String client) {
        return """
                companies:
                  - name: Acme
                    email: ops@acme.example
                    credits: 10
                    users:
                      - email: admin@acme.example
                        password: "long-enough-password"
                        role: admin
                    clients:
                """ + client.indent(6);
    }

    @Test
    void validFileParsesWithDefaults() {
        BootstrapFile parsed = BootstrapFile.parse(file("""
                - client_id: acme-backend
                  client_secret: "%s"
                  scopes: [debts:read]
                """.formatted(SECRET)));
        var client = parsed.companies().get(0).clients().get(0);
        assertEquals("acme-backend", client.clientId());
        assertEquals(java.util.List.of("client_credentials"), client.grantTypes());
        assertEquals(1000, client.readsPerHour());
        assertEquals(500, client.writesPerHour());
        assertTrue(client.enabled());
        assertEquals(10, parsed.companies().get(0).credits());
        assertFalse(client.toString().contains(SECRET), "toString never shows the secret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "short secret|client_secret: \"too-short\"|client_secret must be at least 32 characters",
            "unknown scope|scopes: [debts:read, debts:delete]|unknown scope(s) [debts:delete]",
            "unknown grant|grant_types: [client_credentials, password]|unknown grant type 'password'",
            "no client_credentials grant|grant_types: [refresh_token]|grant_types must contain client_credentials or authorization_code",
            "unknown key|colour: blue|unknown key 'colour'",
            "bad rate limit|rate_limits: {reads_per_hour: 0}|reads_per_hour must be between 1",
            "public client with a secret|token_endpoint_auth_method: none|a public client (token_endpoint_auth_method none) has no client_secret",
            "unknown auth method|token_endpoint_auth_method: private_key_jwt|token_endpoint_auth_method must be",
            "code grant without redirect URI|grant_types: [authorization_code]|authorization_code needs at least one redirect URI",
            "redirect URI without the code grant|redirect_uris: [\"https://app.example/cb\"]|redirect_uris are only for clients with the authorization_code grant"})
    void invalidClientEntryIsRefusedNamingTheEntry(String name, String line, String expected) {
        String entry = """
                - client_id: acme-backend
                  client_secret: "%s"
                  scopes: [debts:read]
                """.formatted(SECRET);
        String key = line.substring(0, line.indexOf(':'));
        entry = entry.lines().filter(l -> !l.trim().startsWith(key + ":") && !l.trim().startsWith("- " + key + ":"))
                .reduce("", (a, b) -> a + b + "\n") + "  " + line + "\n";
        String yaml = file(entry);
        var e = assertThrows(BootstrapFile.InvalidBootstrapFileException.class, () -> BootstrapFile.parse(yaml));
        assertTrue(e.getMessage().startsWith("companies[0] (name=Acme).clients[0] (client_id=acme-backend)"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void duplicateClientIdAcrossCompaniesIsRefused() {
        String yaml = """
                companies:
                  - name: A
                    email: a@a.example
                    clients:
                      - {client_id: same-id, client_secret: "%1$s", scopes: [debts:read]}
                  - name: B
                    email: b@b.example
                    clients:
                      - {client_id: same-id, client_secret: "%1$s", scopes: [debts:read]}
                """.formatted(SECRET);
        var e = assertThrows(BootstrapFile.InvalidBootstrapFileException.class, () -> BootstrapFile.parse(yaml));
        assertTrue(e.getMessage().contains("companies[1] (name=B).clients[0] (client_id=same-id): duplicate client_id"), e.getMessage());
    }

    @Test
    void shortPasswordAndBadRoleAreRefused() {
        String yaml = """
                companies:
                  - name: A
                    email: a@a.example
                    users:
                      - {email: u@a.example, password: short, role: admin}
                """;
        var e = assertThrows(BootstrapFile.InvalidBootstrapFileException.class, () -> BootstrapFile.parse(yaml));
        assertTrue(e.getMessage().contains("users[0] (email=u@a.example): password must be at least 12"), e.getMessage());
        assertFalse(e.getMessage().contains("short,"));
        String role = yaml.replace("password: short, role: admin", "password: long-enough-password, role: owner");
        e = assertThrows(BootstrapFile.InvalidBootstrapFileException.class, () -> BootstrapFile.parse(role));
        assertTrue(e.getMessage().contains("role must be admin or member"), e.getMessage());
    }

    @Test
    void notYamlOrWrongShapeIsRefused() {
        assertThrows(BootstrapFile.InvalidBootstrapFileException.class, () -> BootstrapFile.parse("companies: [unclosed"));
        var e = assertThrows(BootstrapFile.InvalidBootstrapFileException.class, () -> BootstrapFile.parse("companies: {a: 1}"));
        assertTrue(e.getMessage().contains("companies: must be a list"), e.getMessage());
    }

    @Test
    void publicAuthorizationCodeClientParsesWithoutSecret() {
        BootstrapFile parsed = BootstrapFile.parse(file("""
                - client_id: acme-mobile
                  token_endpoint_auth_method: none
                  grant_types: [authorization_code, refresh_token]
                  redirect_uris: ["http://127.0.0.1/callback", "https://mobile.example/cb"]
                  scopes: [debts:read]
                """));
        var client = parsed.companies().get(0).clients().get(0);
        assertEquals(null, client.clientSecret());
        assertEquals("none", client.tokenEndpointAuthMethod());
        assertEquals(java.util.List.of("http://127.0.0.1/callback", "https://mobile.example/cb"), client.redirectUris());
    }

    @Test
    void redirectUriOnAPlainHttpHostIsRefused() {
        var e = assertThrows(BootstrapFile.InvalidBootstrapFileException.class, () -> BootstrapFile.parse(file("""
                - client_id: acme-web
                  client_secret: "%s"
                  grant_types: [authorization_code]
                  redirect_uris: ["http://web.example/cb"]
                  scopes: [debts:read]
                """.formatted(SECRET))));
        assertTrue(e.getMessage().contains("http is allowed only on a loopback IP literal"), e.getMessage());
    }
}
