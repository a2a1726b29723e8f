package io.getbill.server.slice;

import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thin slice of the contract over real HTTP: a client from the bootstrap file gets a signed JWT from
 * {@code POST /token} and reads its company from the database; plus the operational endpoints every deployment has.
 * Runs against a real MariaDB and against H2 (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractSliceTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    abstract TestServers.Database database();

    @Override
    public Map<String, String> getProperties() {
        return TestServers.properties(database());
    }

    String base() {
        return server.getURL().toString();
    }

    @Test
    void tokenRequestWithBootstrapClientThenCompanyProfileReturnsCompanyFromDatabase() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        Tokens.at(base())
                .header("Authorization", "Bearer " + token)
                .get("/external-api/v1/company/profile")
                .then()
                .statusCode(200)
                .header("X-Request-Id", notNullValue())
                .body("error", equalTo(false))
                .body("message", equalTo("Success"))
                .body("data.name", equalTo(TestClients.ACME))
                .body("data.email", equalTo("ops@acme.example"))
                .body("data.phone", equalTo("+33123456789"))
                .body("data.id", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("data.created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void tokenOfSecondCompanyReadsOnlyItsOwnCompany() {
        String token = Tokens.accessToken(base(), TestClients.BETA_ID, TestClients.BETA_SECRET, "company:read");
        Tokens.at(base()).header("Authorization", "Bearer " + token)
                .get("/external-api/v1/company/profile")
                .then().statusCode(200).body("data.name", equalTo(TestClients.BETA));
    }

    @Test
    void issuedAccessTokenIsRfc9068JwtSignedByAKeyOfTheJwks() throws Exception {
        Response response = Tokens.at(base())
                .auth().preemptive().basic(TestClients.READER_ID, TestClients.READER_SECRET)
                .contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials")
                .post("/token");
        response.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo("debts:read"));
        assertNull(response.path("refresh_token"), "no refresh token without the refresh_token grant");

        SignedJWT jwt = SignedJWT.parse(response.path("access_token"));
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());
        var claims = jwt.getJWTClaimsSet();
        assertEquals(base().replaceAll("/$", ""), claims.getIssuer());
        assertEquals(TestClients.READER_ID, claims.getSubject());
        assertEquals(TestClients.READER_ID, claims.getStringClaim("client_id"));
        assertEquals(java.util.List.of(claims.getIssuer() + "/external-api"), claims.getAudience());
        assertEquals("debts:read", claims.getStringClaim("scope"));
        assertNotNull(claims.getStringClaim("company_id"));
        assertNotNull(claims.getJWTID());
        assertEquals(3600_000L, claims.getExpirationTime().getTime() - claims.getIssueTime().getTime());

        String kid = jwt.getHeader().getKeyID();
        java.util.List<String> kids = Tokens.at(base()).get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys.kid");
        assertTrue(kids.contains(kid), "the token's kid is published in the JWKS");
        Object d = Tokens.at(base()).get("/.well-known/jwks.json").then().extract().path("keys[0].d");
        assertNull(d, "no private key material in the JWKS");
    }

    @Test
    void resourceRequestWithoutTokenIsUnauthorizedWithBearerChallengeAndEnvelope() {
        Tokens.at(base()).header("X-Request-Id", "trace-123")
                .get("/external-api/v1/company/profile")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"getbill\"")
                .header("X-Request-Id", "trace-123")
                .body("error", equalTo(true))
                .body("code", equalTo(401))
                .body("request_id", equalTo("trace-123"));
    }

    @Test
    void resourceRequestWithTokenLackingScopeIsForbiddenNamingTheScope() {
        String token = Tokens.accessToken(base(), TestClients.READER_ID, TestClients.READER_SECRET, null);
        Tokens.at(base()).header("Authorization", "Bearer " + token)
                .get("/external-api/v1/company/profile")
                .then()
                .statusCode(403)
                .header("WWW-Authenticate", matchesPattern(".*error=\"insufficient_scope\".*scope=\"company:read\".*"))
                .body("code", equalTo(403));
    }

    @Test
    void healthReportsServerAndDatabaseUp() {
        Tokens.at(base()).get("/health").then().statusCode(200)
                .body("status", equalTo("UP")).body("database", equalTo("UP"));
    }

    @Test
    void openApiDocumentServedIsTheContractByteForByte() throws Exception {
        String served = Tokens.at(base()).get("/openapi.yaml").then().statusCode(200).extract().asString();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("io/getbill/openapi/getbill-api.yaml")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), served);
        }
    }

    @Test
    void unknownPathIsNotFoundInEnvelopeAndManagementEndpointsAreNotExposed() {
        for (String path : new String[]{"/nope", "/beans", "/routes", "/flyway", "/info", "/threaddump", "/token_info"}) {
            Tokens.at(base()).get(path).then().statusCode(404).body("error", equalTo(true)).body("code", equalTo(404));
        }
    }
}
