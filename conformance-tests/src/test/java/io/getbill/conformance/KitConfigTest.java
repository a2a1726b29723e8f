package io.getbill.conformance;

import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.ApiModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config file (bootstrap format): which client each property picks, and what a check says when none has it. */
class KitConfigTest {

    static final ApiModel API = ApiModel.fromClasspath();

    static KitContext context(String yaml) {
        return new KitContext(new Http(URI.create("http://localhost:1")), API, KitConfig.parse(yaml, "test.yaml"), null);
    }

    static String resource(String name) {
        try {
            return new String(KitConfigTest.class.getResourceAsStream(name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aClientWithoutTheRefreshGrantIsNeverTheOneReadScopeClientThatHoldsIt() {
        KitContext ctx = context(resource(OperatorConfigConformanceTest.BOOTSTRAP));
        assertEquals("contoso-backoffice", ctx.client(ClientProperty.NO_REFRESH_TOKEN).clientId());
        assertTrue(ctx.client(ClientProperty.REFRESH_TOKEN).hasGrant("refresh_token"));
    }

    @Test
    void whenNoClientLacksTheRefreshGrantTheCheckIsSkippedNamingTheProperty() {
        String yaml = resource(OperatorConfigConformanceTest.BOOTSTRAP)
                .replace("grant_types: [client_credentials]   # no refresh", "grant_types: [client_credentials, refresh_token]");
        CheckSkipped skipped = assertThrows(CheckSkipped.class, () -> context(yaml).client(ClientProperty.NO_REFRESH_TOKEN));
        assertTrue(skipped.getMessage().contains("does not hold the refresh_token grant"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("the config has none"), skipped.getMessage());
    }

    @Test
    void amongSeveralMatchesTheClientHoldingTheMostScopesComesFirstThenFileOrder() {
        KitContext ctx = context(resource(KitServer.BOOTSTRAP));
        assertEquals("acme-full", ctx.client().clientId());
        assertEquals("acme-reader", ctx.client(ClientProperty.NO_REFRESH_TOKEN).clientId());
        assertEquals("beta-full", ctx.client(ClientProperty.otherCompanyThan(ctx.client())).clientId());
        assertEquals("acme-reader", ctx.client(ClientProperty.lacksScope("company:read")).clientId());
    }

    @Test
    void theLowLimitClientServesOnlyThe429Check() {
        KitContext ctx = context(resource(KitServer.BOOTSTRAP));
        assertEquals("acme-low-limit", ctx.lowLimitClient().clientId());
        CheckSkipped skipped = assertThrows(CheckSkipped.class,
                () -> ctx.client(ClientProperty.scope("company:read"), ClientProperty.atLeastScopes(1), ClientProperty.readsAtMost(50)));
        assertTrue(skipped.getMessage().contains("declares rate_limits.reads_per_hour of at most 50"), skipped.getMessage());
        String without = resource(KitServer.BOOTSTRAP).replace("rate_limits: {reads_per_hour: 5, writes_per_hour: 5}", "");
        CheckSkipped none = assertThrows(CheckSkipped.class, () -> context(without).lowLimitClient());
        assertTrue(none.getMessage().contains("rate_limits.reads_per_hour of at most 50"), none.getMessage());
    }

    @Test
    void theAuthorizationCodeClientIsPickedByItsGrantAndRedirectUriAndNeverForClientCredentialsChecks() {
        KitContext ctx = context(resource(KitServer.BOOTSTRAP));
        var app = ctx.codeClient(ClientProperty.HTTPS_REDIRECT_URI, ClientProperty.scope("company:read"));
        assertEquals("acme-partner-app", app.clientId());
        assertEquals("https://partner-app.example/callback", app.httpsRedirectUri());
        assertEquals(java.util.List.of("https://partner-app.example/callback", "https://partner-app.example/callback?tenant=kit"),
                app.redirectUris());
        assertEquals("client_secret_basic", app.tokenEndpointAuthMethod());
        assertEquals("admin@acme.example", ctx.signInUser(app).email());
        CheckSkipped skipped = assertThrows(CheckSkipped.class, () -> ctx.client(ClientProperty.AUTHORIZATION_CODE));
        assertTrue(skipped.getMessage().contains("holds the client_credentials grant and holds the authorization_code grant"),
                skipped.getMessage());
    }

    @Test
    void withoutAnAuthorizationCodeClientTheGroupSkipsNamingWhatItNeeds() {
        KitContext ctx = context(resource(OperatorConfigConformanceTest.BOOTSTRAP)
                .replace("grant_types: [authorization_code, refresh_token]", "grant_types: [refresh_token]"));
        CheckSkipped skipped = assertThrows(CheckSkipped.class,
                () -> ctx.codeClient(ClientProperty.HTTPS_REDIRECT_URI, ClientProperty.scope("company:read")));
        assertTrue(skipped.getMessage().contains("holds the authorization_code grant and registers an https redirect URI"),
                skipped.getMessage());
        String loopbackOnly = resource(KitServer.BOOTSTRAP).replace(
                "[\"https://partner-app.example/callback\", \"https://partner-app.example/callback?tenant=kit\"]",
                "[\"http://127.0.0.1/callback\", \"https://10.0.0.1/cb\", \"https://LOCALHOST/cb\"]");
        assertThrows(CheckSkipped.class, () -> context(loopbackOnly).codeClient(ClientProperty.HTTPS_REDIRECT_URI));
        String noUsers = "companies:\n  - name: Solo\n    clients:\n      - client_id: solo\n        client_secret: s\n"
                + "        grant_types: [client_credentials, authorization_code]\n        redirect_uris: [\"https://solo.example/cb\"]\n";
        KitContext solo = context(noUsers);
        CheckSkipped noUser = assertThrows(CheckSkipped.class, () -> solo.signInUser(solo.codeClient()));
        assertTrue(noUser.getMessage().contains("needs a user to sign in"), noUser.getMessage());
    }

    @Test
    void theOperatorsPublicMobileAppIsTheAuthorizationCodeClient() {
        KitContext ctx = context(resource(OperatorConfigConformanceTest.BOOTSTRAP));
        var mobile = ctx.codeClient(ClientProperty.HTTPS_REDIRECT_URI, ClientProperty.scope("company:read"));
        assertEquals("contoso-mobile", mobile.clientId());
        assertTrue(mobile.isPublic());
        assertEquals("clerk@contoso.example", ctx.signInUser(mobile).email());
    }

    @Test
    void aPublicClientNeedsNoSecretAndAConfidentialOneStillDoes() {
        String yaml = "companies:\n  - name: Solo\n    clients:\n      - client_id: cc\n        client_secret: s\n"
                + "      - client_id: mobile\n        token_endpoint_auth_method: none\n"
                + "        grant_types: [authorization_code, refresh_token]\n        redirect_uris: [\"https://m.example/cb\"]\n";
        var mobile = KitConfig.parse(yaml, "test.yaml").clients().get(1);
        assertTrue(mobile.isPublic());
        assertEquals(null, mobile.secret());
        KitConfig.ConfigException noSecret = assertThrows(KitConfig.ConfigException.class, () -> KitConfig.parse(
                yaml.replace("token_endpoint_auth_method: none", "token_endpoint_auth_method: client_secret_post"), "test.yaml"));
        assertTrue(noSecret.getMessage().contains("clients[1] needs client_id and client_secret"), noSecret.getMessage());
        KitConfig.ConfigException unknown = assertThrows(KitConfig.ConfigException.class, () -> KitConfig.parse(
                yaml.replace("token_endpoint_auth_method: none", "token_endpoint_auth_method: private_key_jwt")
                        .replace("grant_types: [authorization_code", "client_secret: s\n        grant_types: [authorization_code"),
                "test.yaml"));
        assertTrue(unknown.getMessage().contains("token_endpoint_auth_method must be"), unknown.getMessage());
    }

    @Test
    void aMissingUserSkipsNamingRoleAndCompany() {
        KitContext ctx = context(resource(KitServer.BOOTSTRAP));
        assertEquals("member@acme.example", ctx.user("member", "Acme Recovery").email());
        CheckSkipped skipped = assertThrows(CheckSkipped.class, () -> ctx.user("admin", "Beta Collections"));
        assertTrue(skipped.getMessage().contains("role admin of 'Beta Collections'"), skipped.getMessage());
    }

    @Test
    void disabledClientsAreIgnored() {
        String yaml = """
                companies:
                  - name: Solo
                    email: ops@solo.example
                    clients:
                      - client_id: solo-disabled
                        client_secret: "solo-disabled-secret-0123456789-abcdefg"
                        scopes: [debts:read, debts:write]
                        enabled: false
                      - client_id: solo-reader
                        client_secret: "solo-reader-secret-0123456789-abcdefgh"
                        scopes: [debts:read]
                """;
        assertEquals("solo-reader", context(yaml).client().clientId());
    }

    @Test
    void theCommandExitsWith2WithoutAClientHoldingClientCredentials() throws Exception {
        Path config = Files.createTempFile("kit-config-", ".yaml");
        Files.writeString(config, """
                companies:
                  - name: Solo
                    email: ops@solo.example
                    clients:
                      - client_id: solo-refresh-only
                        client_secret: "solo-refresh-secret-0123456789-abcdefgh"
                        grant_types: [refresh_token]
                        scopes: [debts:read]
                """);
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
        assertTrue(out.contains("lacks an enabled client holding the client_credentials grant"), out);
        assertTrue(out.contains("--base-url and --config are required"), out);
    }

    @Test
    void theHelpListsTheCapabilitiesByName() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, ConformanceKit.run(new String[]{"--help"}));
        } finally {
            System.setOut(out);
        }
        String help = captured.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("authorization-server,resources,webhooks,admin,reports,authorization-code,client-pacts"), help);
    }
}
