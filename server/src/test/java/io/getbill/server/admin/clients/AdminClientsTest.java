package io.getbill.server.admin.clients;

import io.getbill.server.oauth.clients.ClientAuthenticationThrottle;

import io.getbill.server.oauth.refresh.RefreshToken;
import io.getbill.server.oauth.refresh.RefreshTokenRepository;
import io.getbill.server.testsupport.AdminSessions;
import io.getbill.server.testsupport.AuditCapture;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.SecondInstance;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.getbill.server.testsupport.AdminSessions.ACME_ADMIN;
import static io.getbill.server.testsupport.AdminSessions.ACME_ADMIN_PASSWORD;
import static io.getbill.server.testsupport.AdminSessions.ACME_MEMBER;
import static io.getbill.server.testsupport.AdminSessions.ACME_MEMBER_PASSWORD;
import static io.getbill.server.testsupport.AdminSessions.BETA_ADMIN;
import static io.getbill.server.testsupport.AdminSessions.BETA_ADMIN_PASSWORD;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OAuth client management through the admin API, over real HTTP on MariaDB, judged by what partners see at the token
 * endpoint and on the resources: a created secret works, a rotated-out secret works during the overlap (3 s here)
 * and not after, disabling or deleting a client stops its access tokens at once and its refresh tokens for good.
 */
@MicronautTest(transactional = false)
class AdminClientsTest extends ServerTest {

    private static final String PROFILE = "/external-api/v1/company/profile";

    @Inject
    RefreshTokenRepository refreshTokens;
    @Inject
    ClientAuthenticationThrottle throttle;

    private AdminSessions.Session acme;
    private AdminSessions.Session beta;

    private Map<String, String> properties;
    private SecondInstance second;

    @Override
    public Map<String, String> getProperties() {
        properties = new HashMap<>(super.getProperties());
        properties.put("getbill.admin.clients.secret-overlap", "3s");
        // instances behind one public URL share the issuer
        properties.put("getbill.issuer", "http://getbill.test");
        return properties;
    }

    /** A second instance on the same database, as behind a load balancer. */
    @BeforeAll
    void startSecondInstance() {
        second = SecondInstance.start(properties);
    }

    @AfterAll
    void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @BeforeAll
    void signIn() {
        acme = AdminSessions.login(base(), ACME_ADMIN, ACME_ADMIN_PASSWORD);
        beta = AdminSessions.login(base(), BETA_ADMIN, BETA_ADMIN_PASSWORD);
    }

    @BeforeEach
    void resetThrottle() {
        throttle.reset();
    }

    private Response create(AdminSessions.Session session, List<String> grants, List<String> scopes) {
        return session.post("/clients", Map.of("name", "Test client", "grant_types", grants, "scopes", scopes));
    }

    /** Creates a client; returns {client_id, client_secret}. */
    private String[] created(List<String> grants, List<String> scopes) {
        Response response = create(acme, grants, scopes);
        response.then().statusCode(201);
        return new String[]{response.path("data.client.client_id"), response.path("data.client_secret")};
    }

    private static void assertEnvelope(Response response, int status) {
        response.then().statusCode(status).body("error", equalTo(true)).body("code", equalTo(status));
    }

    private static void assertInvalidToken(Response response) {
        response.then().statusCode(401).header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void createClientThenSecretShownOnceAndWorksAtTheTokenEndpoint() {
        Response response = acme.post("/clients", Map.of("name", "Acme ERP", "grant_types", List.of("client_credentials"),
                "scopes", List.of("debts:read", "company:read"),
                "rate_limits", Map.of("reads_per_hour", 200, "writes_per_hour", 20)));
        response.then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("data.client.name", equalTo("Acme ERP"))
                .body("data.client.enabled", equalTo(true))
                .body("data.client.scopes", equalTo(List.of("debts:read", "company:read")))
                .body("data.client.grant_types", equalTo(List.of("client_credentials")))
                .body("data.client.rate_limits.reads_per_hour", equalTo(200));
        String clientId = response.path("data.client.client_id");
        String secret = response.path("data.client_secret");
        assertTrue(secret.length() >= 43, "a secret of at least 256 bits");
        String token = OAuth.clientCredentials(base(), clientId, secret).path("access_token");
        OAuth.profile(base(), token).then().statusCode(200);
        acme.get("/clients/" + clientId).then().statusCode(200)
                .body("data.client_id", equalTo(clientId))
                .body("data", not(hasKey("client_secret")));
        acme.get("/clients").then().statusCode(200).body("data.client_id", hasItem(clientId));
        assertFalse(acme.get("/clients").asString().contains(secret));
    }

    @Test
    void createClientWithoutClientCredentialsGrantThenBadRequestNamingGrantTypes() {
        Response response = create(acme, List.of("refresh_token"), List.of("debts:read"));
        assertEnvelope(response, 400);
        response.then().body("details", hasKey("grant_types"));
    }

    @Test
    void createClientWithUnknownOrNoScopeThenBadRequest() {
        assertEnvelope(create(acme, List.of("client_credentials"), List.of("debts:admin")), 400);
        assertEnvelope(create(acme, List.of("client_credentials"), List.of()), 400);
        assertEnvelope(acme.post("/clients", Map.of("name", "x", "grant_types", List.of("client_credentials"),
                "scopes", List.of("debts:read"), "secret", "chosen-by-me")), 400);
        assertEnvelope(acme.post("/clients", Map.of("name", "  ", "grant_types", List.of("client_credentials"),
                "scopes", List.of("debts:read"))), 400);
    }

    @Test
    void memberSessionOnClientManagementThenForbidden() {
        AdminSessions.Session member = AdminSessions.login(base(), ACME_MEMBER, ACME_MEMBER_PASSWORD);
        assertEnvelope(member.get("/clients"), 403);
        assertEnvelope(create(member, List.of("client_credentials"), List.of("debts:read")), 403);
        assertEnvelope(member.post("/clients/acme-full/disable"), 403);
    }

    @Test
    void createClientWithoutCsrfTokenThenForbiddenAndNothingCreated() {
        int before = acme.get("/clients").path("data.size()");
        assertEnvelope(acme.withCookie().contentType("application/json")
                .body("{\"name\":\"x\",\"grant_types\":[\"client_credentials\"],\"scopes\":[\"debts:read\"]}")
                .post("/admin-api/v1/clients"), 403);
        assertEquals(before, (int) acme.get("/clients").path("data.size()"));
    }

    @Test
    void anotherCompanysClientThenNotFoundAndUntouched() {
        String[] client = created(List.of("client_credentials"), List.of("debts:read"));
        assertEnvelope(beta.get("/clients/" + client[0]), 404);
        assertEnvelope(beta.post("/clients/" + client[0] + "/rotate-secret"), 404);
        assertEnvelope(beta.post("/clients/" + client[0] + "/disable"), 404);
        assertEnvelope(beta.delete("/clients/" + client[0]), 404);
        beta.get("/clients").then().statusCode(200).body("data.client_id", not(hasItem(client[0])));
        OAuth.clientCredentials(base(), client[0], client[1]);
        assertEnvelope(acme.get("/clients/no-such-client"), 404);
    }

    @Test
    void rotateSecretThenOldSecretWorksDuringTheOverlapAndNotAfter() throws Exception {
        String[] client = created(List.of("client_credentials"), List.of("debts:read"));
        Response rotated = acme.post("/clients/" + client[0] + "/rotate-secret");
        rotated.then().statusCode(200).header("Cache-Control", "no-store");
        String newSecret = rotated.path("data.client_secret");
        assertNotEquals(client[1], newSecret);
        assertNotNull(rotated.path("data.client.previous_secret_expires_at"));
        OAuth.clientCredentials(base(), client[0], newSecret);
        OAuth.clientCredentials(base(), client[0], client[1]);
        Thread.sleep(3_200);
        OAuth.postBasic(base(), "/token", client[0], client[1], OAuth.form("grant_type", "client_credentials"))
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        OAuth.clientCredentials(base(), client[0], newSecret);
    }

    @Test
    void disableClientThenAccessTokensRefusedAtOnceAndRefreshTokensRevokedForGood() {
        String[] client = created(List.of("client_credentials", "refresh_token"), List.of("company:read"));
        Response tokens = OAuth.clientCredentials(base(), client[0], client[1]);
        String access = tokens.path("access_token");
        String refresh = tokens.path("refresh_token");
        OAuth.profile(base(), access).then().statusCode(200);

        acme.post("/clients/" + client[0] + "/disable").then().statusCode(200).body("data.enabled", equalTo(false));
        assertInvalidToken(OAuth.profile(base(), access));
        OAuth.postBasic(base(), "/token", client[0], client[1], OAuth.form("grant_type", "client_credentials"))
                .then().statusCode(401).body("error", equalTo("invalid_client"));

        acme.post("/clients/" + client[0] + "/enable").then().statusCode(200).body("data.enabled", equalTo(true));
        OAuth.refresh(base(), client[0], client[1], refresh).then().statusCode(400).body("error", equalTo("invalid_grant"));
        assertInvalidToken(OAuth.profile(base(), access));
        String fresh = OAuth.clientCredentials(base(), client[0], client[1]).path("access_token");
        OAuth.profile(base(), fresh).then().statusCode(200);
    }

    @Test
    void deleteClientThenItsTokensStopAndItIsGone() {
        String[] client = created(List.of("client_credentials", "refresh_token"), List.of("company:read"));
        Response tokens = OAuth.clientCredentials(base(), client[0], client[1]);
        String access = tokens.path("access_token");
        String refresh = tokens.path("refresh_token");

        acme.delete("/clients/" + client[0]).then().statusCode(200).body("error", equalTo(false));
        assertInvalidToken(OAuth.profile(base(), access));
        // the client no longer authenticates, so its refresh token is refused before the grant is looked at...
        OAuth.refresh(base(), client[0], client[1], refresh).then().statusCode(401).body("error", equalTo("invalid_client"));
        // ...and the token itself is revoked in the store, so it could never be redeemed again
        List<RefreshToken> rows = StreamSupport.stream(refreshTokens.findAll().spliterator(), false)
                .filter(r -> r.clientId().equals(client[0])).toList();
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream().allMatch(RefreshToken::revoked));
        assertEnvelope(acme.get("/clients/" + client[0]), 404);
        acme.get("/clients").then().body("data.client_id", not(hasItem(client[0])));
    }

    @Test
    void disabledClientsAccessTokenRefusedOnTheOtherInstanceWithinTheDenylistRefresh() throws Exception {
        String[] client = created(List.of("client_credentials"), List.of("company:read"));
        String access = OAuth.clientCredentials(base(), client[0], client[1]).path("access_token");
        OAuth.profile(secondBase(), access).then().statusCode(200);
        acme.post("/clients/" + client[0] + "/disable").then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (OAuth.profile(secondBase(), access).statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertInvalidToken(OAuth.profile(secondBase(), access));
    }

    @Test
    void sessionOpenedOnOneInstanceThenServedAndSignedOutOnTheOther() {
        AdminSessions.Session session = AdminSessions.login(base(), ACME_ADMIN, ACME_ADMIN_PASSWORD);
        AdminSessions.Session onSecond = new AdminSessions.Session(secondBase(), session.cookieValue(),
                session.csrfToken(), session.companyId(), session.userId());
        onSecond.get("/clients").then().statusCode(200);
        onSecond.post("/logout").then().statusCode(204);
        assertEnvelope(session.get("/clients"), 401);
    }

    @Test
    void clientCreatedThenAuditedWithoutTheSecret() throws Exception {
        try (AuditCapture audit = AuditCapture.attach()) {
            String[] client = created(List.of("client_credentials"), List.of("debts:read"));
            String line = audit.await(l -> l.contains("event=admin_action") && l.contains("reason=client_created")
                    && l.contains(client[0]), Duration.ofSeconds(5));
            assertNotNull(line, () -> "audit lines: " + audit.lines());
            assertFalse(line.contains(client[1]));
            assertTrue(line.contains("company="), line);
        }
    }

    private String secondBase() {
        return second.base();
    }
}
