package io.getbill.server.admin.keys;

import io.getbill.server.testsupport.AdminSessions;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.getbill.server.testsupport.AdminSessions.ACME_ADMIN;
import static io.getbill.server.testsupport.AdminSessions.ACME_ADMIN_PASSWORD;
import static io.getbill.server.testsupport.AdminSessions.ACME_MEMBER;
import static io.getbill.server.testsupport.AdminSessions.ACME_MEMBER_PASSWORD;
import static io.getbill.server.testsupport.AdminSessions.BETA_ADMIN;
import static io.getbill.server.testsupport.AdminSessions.BETA_ADMIN_PASSWORD;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing keys through the admin API on MariaDB: listed without key material by any admin, rotated only by an admin
 * of an operator company (Acme Recovery here), the new key published in the JWKS at once.
 */
@MicronautTest(transactional = false)
class AdminSigningKeysTest extends ServerTest {

    private static final Set<String> LISTED_FIELDS = Set.of("kid", "alg", "status", "created_at", "activates_at",
            "retired_at", "expires_at");

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("getbill.admin.signing-keys.operator-companies", "Acme Recovery");
    }

    @Test
    void listSigningKeysThenIdentitiesAndLifeCyclesWithoutKeyMaterial() {
        Response response = AdminSessions.login(base(), BETA_ADMIN, BETA_ADMIN_PASSWORD).get("/signing-keys");
        response.then().statusCode(200).body("data.status", hasItem("active"));
        List<Map<String, Object>> keys = response.path("data");
        assertTrue(!keys.isEmpty());
        keys.forEach(k -> assertTrue(LISTED_FIELDS.containsAll(k.keySet()), "only identity and life cycle: " + k.keySet()));
    }

    @Test
    void rotateByOperatorCompanyAdminThenNewKeyPendingAndPublishedInJwks() {
        AdminSessions.Session acme = AdminSessions.login(base(), ACME_ADMIN, ACME_ADMIN_PASSWORD);
        Response rotated = acme.post("/signing-keys/rotate");
        rotated.then().statusCode(201).body("data.status", equalTo("pending"));
        String kid = rotated.path("data.kid");
        List<String> published = Tokens.at(base()).get("/.well-known/jwks.json").path("keys.kid");
        assertTrue(published.contains(kid), "new key published at once: " + published);
        acme.get("/signing-keys").then().statusCode(200).body("data[0].kid", equalTo(kid));
        // the key in use keeps signing until the new one activates
        Tokens.accessToken(base(), "acme-full", "acme-full-secret-0123456789-abcdefghijklmnop", null);
    }

    @Test
    void rotateByAdminOfAnotherCompanyThenForbiddenAndNoNewKey() {
        AdminSessions.Session beta = AdminSessions.login(base(), BETA_ADMIN, BETA_ADMIN_PASSWORD);
        int before = beta.get("/signing-keys").path("data.size()");
        beta.post("/signing-keys/rotate").then().statusCode(403).body("code", equalTo(403));
        assertEquals(before, (int) beta.get("/signing-keys").path("data.size()"));
    }

    @Test
    void memberSessionOnSigningKeysThenForbidden() {
        AdminSessions.Session member = AdminSessions.login(base(), ACME_MEMBER, ACME_MEMBER_PASSWORD);
        member.get("/signing-keys").then().statusCode(403);
        member.post("/signing-keys/rotate").then().statusCode(403);
    }
}
