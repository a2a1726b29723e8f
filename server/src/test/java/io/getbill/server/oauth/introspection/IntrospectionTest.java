package io.getbill.server.oauth.introspection;

import io.getbill.server.oauth.keys.SigningKeys;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.MintedTokens;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static io.getbill.server.testsupport.OAuth.form;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Token introspection (RFC 7662) over HTTP against MariaDB. */
@MicronautTest(transactional = false)
class IntrospectionTest extends ServerTest {

    @Inject
    SigningKeys keys;

    private Response introspect(String clientId, String secret, String token) {
        return OAuth.postBasic(base(), "/introspect", clientId, secret, form("token", token));
    }

    private static void assertInactive(Response response) {
        response.then().statusCode(200).header("Cache-Control", "no-store").header("Pragma", "no-cache");
        assertEquals("{\"active\":false}", response.asString().replace(" ", ""), "only {\"active\": false}");
    }

    @Test
    void activeAccessTokenOfOwnCompanyAnswersItsClaims() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, "debts:read company:read");
        String issuer = base().replaceAll("/$", "");
        // another client of the same company may introspect it
        introspect(TestClients.READER_ID, TestClients.READER_SECRET, token).then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("scope", equalTo("debts:read company:read"))
                .body("client_id", equalTo(TestClients.FULL_ID))
                .body("sub", equalTo(TestClients.FULL_ID))
                .body("token_type", equalTo("Bearer"))
                .body("iss", equalTo(issuer))
                .body("aud", equalTo(issuer + "/external-api"))
                .body("exp", notNullValue())
                .body("iat", notNullValue())
                .body("jti", notNullValue())
                .body("company_id", notNullValue());
    }

    @Test
    void activeRefreshTokenAnswersRefreshTokenType() {
        String rt = OAuth.clientCredentials(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET).path("refresh_token");
        introspect(TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, rt).then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("token_type", equalTo("refresh_token"))
                .body("client_id", equalTo(TestClients.PARTNER_ID))
                .body("scope", equalTo("debts:read debts:write company:read"))
                .body("jti", nullValue());
    }

    @Test
    void tokenOfAnotherCompanyIsOnlyInactive() {
        String token = Tokens.accessToken(base(), TestClients.BETA_ID, TestClients.BETA_SECRET, null);
        assertInactive(introspect(TestClients.FULL_ID, TestClients.FULL_SECRET, token));
        String rt = OAuth.clientCredentials(base(), TestClients.BETA_REFRESH_ID, TestClients.BETA_REFRESH_SECRET).path("refresh_token");
        assertInactive(introspect(TestClients.FULL_ID, TestClients.FULL_SECRET, rt));
    }

    @Test
    void revokedAccessTokenIsOnlyInactive() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.postBasic(base(), "/revoke", TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", token)).then().statusCode(200);
        assertInactive(introspect(TestClients.FULL_ID, TestClients.FULL_SECRET, token));
    }

    @Test
    void usedRefreshTokenIsOnlyInactive() {
        String rt = OAuth.clientCredentials(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET).path("refresh_token");
        OAuth.refresh(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, rt).then().statusCode(200);
        assertInactive(introspect(TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, rt));
    }

    @Test
    void expiredAccessTokenIsOnlyInactive() {
        String genuine = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        long now = System.currentTimeMillis();
        String expired = MintedTokens.resign(keys, genuine, h -> h,
                c -> c.issueTime(new Date(now - 7_200_000)).expirationTime(new Date(now - 60_000)));
        assertInactive(introspect(TestClients.FULL_ID, TestClients.FULL_SECRET, expired));
    }

    @Test
    void unknownOrMalformedTokenIsOnlyInactive() {
        assertInactive(introspect(TestClients.FULL_ID, TestClients.FULL_SECRET, "garbage"));
        assertInactive(introspect(TestClients.FULL_ID, TestClients.FULL_SECRET, "rt_" + "C".repeat(43)));
        assertInactive(introspect(TestClients.FULL_ID, TestClients.FULL_SECRET, "a.b.c"));
    }

    @Test
    void introspectionWithoutClientAuthenticationIsInvalidClient() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.post(base(), "/introspect", form("token", token)).then()
                .statusCode(401).body("error", equalTo("invalid_client")).header("Cache-Control", "no-store");
    }

    @Test
    void introspectionWithWrongSecretIsInvalidClientWithChallenge() {
        introspect(TestClients.FULL_ID, "wrong-secret-wrong-secret-wrong-secret", "whatever").then()
                .statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", equalTo("Basic realm=\"getbill\""));
    }

    @Test
    void introspectionWithBearerTokenInsteadOfClientCredentialsIsInvalidClient() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        Tokens.at(base()).header("Authorization", "Bearer " + token).contentType(OAuth.FORM).body(form("token", token))
                .post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void introspectionWithoutTokenIsInvalidRequest() {
        OAuth.postBasic(base(), "/introspect", TestClients.FULL_ID, TestClients.FULL_SECRET, "").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void introspectionWithGetIsMethodNotAllowed() {
        Tokens.at(base()).get("/introspect").then().statusCode(405);
    }
}
