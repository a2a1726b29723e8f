package io.getbill.server.oauth.revocation;

import io.getbill.server.testsupport.AuditCapture;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.getbill.server.testsupport.OAuth.form;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Token revocation (RFC 7009) over HTTP against MariaDB. */
@MicronautTest(transactional = false)
class RevocationTest extends ServerTest {

    private Response revoke(String clientId, String secret, String body) {
        return OAuth.postBasic(base(), "/revoke", clientId, secret, body);
    }

    private static void assertRevokedOk(Response response) {
        response.then().statusCode(200).body(emptyOrNullString())
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    @Test
    void revokingOwnAccessTokenAnswers200AndTheResourceRejectsItAtOnce() throws Exception {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.profile(base(), token).then().statusCode(200);
        try (AuditCapture audit = AuditCapture.attach()) {
            assertRevokedOk(revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", token, "token_type_hint", "access_token")));
            assertNotNull(audit.await(l -> l.contains("event=token_revoked") && l.contains("client_id=acme-full"),
                    Duration.ofSeconds(5)));
        }
        OAuth.profile(base(), token).then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void revokingWithSecretInBodyWorks() {
        String token = Tokens.accessToken(base(), TestClients.READER_ID, TestClients.READER_SECRET, null);
        assertRevokedOk(OAuth.post(base(), "/revoke", form("token", token, "client_id", TestClients.READER_ID,
                "client_secret", TestClients.READER_SECRET)));
    }

    @Test
    void revokingRefreshTokenRevokesItsWholeFamily() {
        Response first = OAuth.clientCredentials(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET);
        Response second = OAuth.refresh(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, first.path("refresh_token"));
        second.then().statusCode(200);
        assertRevokedOk(revoke(TestClients.PARTNER_ID, TestClients.PARTNER_SECRET,
                form("token", second.path("refresh_token"), "token_type_hint", "refresh_token")));
        OAuth.refresh(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, second.path("refresh_token"))
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        OAuth.profile(base(), first.path("access_token")).then().statusCode(401);
        OAuth.profile(base(), second.path("access_token")).then().statusCode(401);
    }

    @Test
    void revokingAccessTokenOfAnotherClientIsInvalidGrantAndTheTokenStaysValid() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        revoke(TestClients.READER_ID, TestClients.READER_SECRET, form("token", token)).then()
                .statusCode(400).body("error", equalTo("invalid_grant"))
                .header("Cache-Control", "no-store");
        OAuth.profile(base(), token).then().statusCode(200);
    }

    @Test
    void revokingRefreshTokenOfAnotherClientIsInvalidGrantAndTheTokenStaysValid() {
        String rt = OAuth.clientCredentials(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET).path("refresh_token");
        revoke(TestClients.BETA_REFRESH_ID, TestClients.BETA_REFRESH_SECRET, form("token", rt)).then()
                .statusCode(400).body("error", equalTo("invalid_grant"));
        OAuth.refresh(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, rt).then().statusCode(200);
    }

    @Test
    void revokingUnknownOrMalformedTokenAnswers200() {
        assertRevokedOk(revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", "rt_" + "B".repeat(43))));
        assertRevokedOk(revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", "garbage")));
        assertRevokedOk(revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", "x".repeat(4000))));
    }

    @Test
    void revokingAlreadyRevokedTokenAnswers200() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        assertRevokedOk(revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", token)));
        assertRevokedOk(revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", token)));
    }

    @Test
    void unknownTokenTypeHintIsIgnored() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        assertRevokedOk(revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", token, "token_type_hint", "banana")));
        OAuth.profile(base(), token).then().statusCode(401);
    }

    @Test
    void revocationWithoutTokenIsInvalidRequest() {
        revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token_type_hint", "access_token")).then()
                .statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void revocationWithTokenLongerThanTheContractsMaxLengthIsInvalidRequest() {
        revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", "x".repeat(4097))).then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", "x".repeat(10), "token_type_hint", "h".repeat(65)))
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void revocationWithRepeatedTokenIsInvalidRequest() {
        revoke(TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", "a", "token", "b")).then()
                .statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void revocationWithoutClientAuthenticationIsInvalidClient() {
        OAuth.post(base(), "/revoke", form("token", "whatever")).then()
                .statusCode(401).body("error", equalTo("invalid_client")).header("WWW-Authenticate", nullValue());
    }

    @Test
    void revocationWithWrongBasicSecretIsInvalidClientWithChallenge() {
        revoke(TestClients.FULL_ID, "wrong-secret-wrong-secret-wrong-secret", form("token", "whatever")).then()
                .statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", equalTo("Basic realm=\"getbill\""));
    }

    @Test
    void revocationWithJsonBodyIsInvalidRequest() {
        Tokens.at(base()).auth().preemptive().basic(TestClients.FULL_ID, TestClients.FULL_SECRET)
                .contentType("application/json").body("{\"token\":\"x\"}").post("/revoke").then()
                .statusCode(400).body("error", equalTo("invalid_request")).header("Cache-Control", "no-store");
    }

    @Test
    void revocationWithGetIsMethodNotAllowed() {
        Tokens.at(base()).get("/revoke").then().statusCode(405).header("Allow", containsString("POST"));
    }
}
