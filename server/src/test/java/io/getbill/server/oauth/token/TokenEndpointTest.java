package io.getbill.server.oauth.token;

import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.oauth.clients.ClientUsageRecorder;
import io.getbill.server.oauth.clients.OAuthClientRepository;
import io.getbill.server.testsupport.AuditCapture;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import static io.getbill.server.testsupport.OAuth.form;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token endpoint (RFC 6749 §2.3.1, §3.2, §4.4, §5) over HTTP against MariaDB: client authentication, request
 * parsing, grant and scope rules, the error of each failure, and the headers of every answer.
 */
@MicronautTest(transactional = false)
class TokenEndpointTest extends ServerTest {

    @Inject
    ClientUsageRecorder usage;

    @Inject
    OAuthClientRepository clients;

    @Override
    protected java.util.Map<String, String> extraProperties() {
        // only the test flushes last-use times, so that it sees exactly what a request writes
        return java.util.Map.of("getbill.clients.last-used-flush-interval", "1h");
    }

    private static final String CC = form("grant_type", "client_credentials");

    private Response basic(String clientId, String secret, String body) {
        return OAuth.postBasic(base(), "/token", clientId, secret, body);
    }

    private Response body(String body) {
        return OAuth.post(base(), "/token", body);
    }

    private static void assertNoStore(Response response) {
        response.then().header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    private static void assertError(Response response, int status, String error) {
        response.then().statusCode(status).contentType("application/json").body("error", equalTo(error));
        assertNoStore(response);
    }

    // --- client authentication -------------------------------------------------------------------------------

    @Test
    void clientCredentialsWithBasicAuthenticationIssuesBearerToken() {
        Response response = basic(TestClients.FULL_ID, TestClients.FULL_SECRET, CC);
        response.then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("access_token", notNullValue());
        assertNoStore(response);
    }

    @Test
    void clientCredentialsWithSecretInBodyIssuesBearerToken() {
        Response response = body(form("grant_type", "client_credentials", "client_id", TestClients.READER_ID,
                "client_secret", TestClients.READER_SECRET));
        response.then().statusCode(200).body("token_type", equalTo("Bearer")).body("scope", equalTo("debts:read"));
        assertNoStore(response);
    }

    @Test
    void basicCredentialsAreFormUrlDecoded() {
        // RFC 6749 §2.3.1: id and secret are application/x-www-form-urlencoded before Basic encoding.
        String encodedId = TestClients.READER_ID.replace("-", "%2D");
        String header = Base64.getEncoder().encodeToString((encodedId + ":" + TestClients.READER_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Tokens.at(base()).header("Authorization", "Basic " + header).contentType(OAuth.FORM).body(CC).post("/token")
                .then().statusCode(200);
    }

    @Test
    void basicAndBodyAuthenticationTogetherIsInvalidRequest() {
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET, form("grant_type", "client_credentials",
                "client_id", TestClients.FULL_ID, "client_secret", TestClients.FULL_SECRET)), 400, "invalid_request");
    }

    @Test
    void twoAuthorizationHeadersIsInvalidRequest() {
        String header = "Basic " + Base64.getEncoder().encodeToString((TestClients.FULL_ID + ":" + TestClients.FULL_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        assertError(Tokens.at(base()).header("Authorization", header).header("Authorization", header)
                .contentType(OAuth.FORM).body(CC).post("/token"), 400, "invalid_request");
    }

    @Test
    void unknownClientIsInvalidClientWithoutChallengeWhenBasicWasNotTried() {
        Response response = body(form("grant_type", "client_credentials", "client_id", "nobody", "client_secret",
                "whatever-secret-whatever-secret-1234"));
        assertError(response, 401, "invalid_client");
        response.then().header("WWW-Authenticate", nullValue());
    }

    @Test
    void unknownClientWithBasicIsInvalidClientWithBasicChallenge() {
        Response response = basic("nobody", "whatever-secret-whatever-secret-1234", CC);
        assertError(response, 401, "invalid_client");
        response.then().header("WWW-Authenticate", equalTo("Basic realm=\"getbill\""));
    }

    @Test
    void wrongSecretWithBasicIsInvalidClientWithBasicChallenge() {
        Response response = basic(TestClients.FULL_ID, "wrong-secret-wrong-secret-wrong-secret", CC);
        assertError(response, 401, "invalid_client");
        response.then().header("WWW-Authenticate", equalTo("Basic realm=\"getbill\""));
    }

    @Test
    void wrongSecretInBodyIsInvalidClientWithoutChallenge() {
        Response response = body(form("grant_type", "client_credentials", "client_id", TestClients.FULL_ID,
                "client_secret", "wrong-secret-wrong-secret-wrong-secret"));
        assertError(response, 401, "invalid_client");
        response.then().header("WWW-Authenticate", nullValue());
    }

    @Test
    void clientIdDifferingOnlyInCaseIsInvalidClient() {
        assertError(basic(TestClients.FULL_ID.toUpperCase(), TestClients.FULL_SECRET, CC), 401, "invalid_client");
    }

    @Test
    void clientIdLongerThanTheContractAllowsIsInvalidRequest() {
        assertError(body(form("grant_type", "client_credentials", "client_id", "x".repeat(2000),
                "client_secret", "s".repeat(40))), 400, "invalid_request");
    }

    @Test
    void noClientAuthenticationIsInvalidClient() {
        Response response = body(CC);
        assertError(response, 401, "invalid_client");
        response.then().header("WWW-Authenticate", nullValue());
    }

    @Test
    void clientIdWithoutSecretIsInvalidClient() {
        assertError(body(form("grant_type", "client_credentials", "client_id", TestClients.FULL_ID)), 401, "invalid_client");
    }

    @Test
    void malformedBasicHeaderIsInvalidClientWithChallenge() {
        Response response = Tokens.at(base()).header("Authorization", "Basic !!!not-base64").contentType(OAuth.FORM)
                .body(CC).post("/token");
        assertError(response, 401, "invalid_client");
        response.then().header("WWW-Authenticate", equalTo("Basic realm=\"getbill\""));
    }

    @Test
    void disabledClientIsInvalidClient() {
        assertError(basic(TestClients.DISABLED_ID, TestClients.DISABLED_SECRET, CC), 401, "invalid_client");
    }

    // --- request parsing ---------------------------------------------------------------------------------------

    @Test
    void missingGrantTypeIsInvalidRequest() {
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET, form("scope", "debts:read")), 400, "invalid_request");
    }

    @Test
    void emptyBodyIsInvalidRequest() {
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET, ""), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type", "scope", "client_id", "client_secret", "refresh_token"})
    void repeatedParameterIsInvalidRequest(String parameter) {
        String body = form("grant_type", "client_credentials", parameter, "a", parameter, "b");
        if (parameter.equals("grant_type")) {
            body = form("grant_type", "client_credentials", "grant_type", "client_credentials");
        }
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET, body), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type:64", "scope:1024", "client_id:128", "client_secret:256", "refresh_token:512"})
    void parameterLongerThanTheContractsMaxLengthIsInvalidRequest(String parameterAndMaxLength) {
        String parameter = parameterAndMaxLength.substring(0, parameterAndMaxLength.indexOf(':'));
        int maxLength = Integer.parseInt(parameterAndMaxLength.substring(parameterAndMaxLength.indexOf(':') + 1));
        String body = parameter.equals("grant_type")
                ? form("grant_type", "g".repeat(maxLength + 1))
                : form("grant_type", "client_credentials", parameter, "a".repeat(maxLength + 1));
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET, body), 400, "invalid_request");
    }

    @Test
    void unknownParametersAreIgnored() {
        basic(TestClients.FULL_ID, TestClients.FULL_SECRET, form("grant_type", "client_credentials", "foo", "bar",
                "foo", "baz")).then().statusCode(200);
    }

    @Test
    void malformedPercentEncodingIsInvalidRequest() {
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET, "grant_type=client_credentials&scope=%zz"),
                400, "invalid_request");
    }

    @Test
    void jsonBodyIsInvalidRequest() {
        Response response = Tokens.at(base()).auth().preemptive().basic(TestClients.FULL_ID, TestClients.FULL_SECRET)
                .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post("/token");
        assertError(response, 400, "invalid_request");
    }

    @Test
    void textBodyIsInvalidRequest() {
        Response response = Tokens.at(base()).auth().preemptive().basic(TestClients.FULL_ID, TestClients.FULL_SECRET)
                .contentType("text/plain").body("grant_type=client_credentials").post("/token");
        assertError(response, 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void otherMethodThanPostIsMethodNotAllowedWithAllow(String method) {
        Response response = Tokens.at(base()).request(method, "/token");
        response.then().statusCode(405).header("Allow", containsString("POST"));
        assertNoStore(response);
    }

    // --- grant types ---------------------------------------------------------------------------------------------

    @Test
    void unsupportedGrantTypeIsUnsupportedGrantType() {
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET, form("grant_type", "password",
                "username", "u", "password", "p")), 400, "unsupported_grant_type");
    }

    @Test
    void refreshGrantForClientWithoutItIsUnauthorizedClient() {
        assertError(basic(TestClients.READER_ID, TestClients.READER_SECRET, form("grant_type", "refresh_token",
                "refresh_token", "rt_whatever")), 400, "unauthorized_client");
    }

    @Test
    void clientAuthenticationIsCheckedBeforeGrantType() {
        assertError(basic(TestClients.FULL_ID, "wrong-secret-wrong-secret-wrong-secret", form("grant_type", "password")),
                401, "invalid_client");
    }

    // --- scope -----------------------------------------------------------------------------------------------------

    @Test
    void requestedSubsetOfRegisteredScopeIsGrantedExactly() throws Exception {
        Response response = basic(TestClients.FULL_ID, TestClients.FULL_SECRET,
                form("grant_type", "client_credentials", "scope", "debts:read company:read"));
        response.then().statusCode(200).body("scope", equalTo("debts:read company:read"));
        assertEquals("debts:read company:read",
                SignedJWT.parse(response.path("access_token")).getJWTClaimsSet().getStringClaim("scope"));
    }

    @Test
    void noScopeGrantsRegisteredScope() {
        basic(TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, CC).then().statusCode(200)
                .body("scope", equalTo("debts:read debts:write company:read"));
    }

    @Test
    void emptyScopeGrantsRegisteredScope() {
        basic(TestClients.READER_ID, TestClients.READER_SECRET, form("grant_type", "client_credentials", "scope", ""))
                .then().statusCode(200).body("scope", equalTo("debts:read"));
    }

    @Test
    void unknownScopeIsInvalidScope() {
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET,
                form("grant_type", "client_credentials", "scope", "debts:read admin")), 400, "invalid_scope");
    }

    @Test
    void scopeNotRegisteredForClientIsInvalidScopeWithNothingGranted() {
        assertError(basic(TestClients.READER_ID, TestClients.READER_SECRET,
                form("grant_type", "client_credentials", "scope", "debts:read debts:write")), 400, "invalid_scope");
    }

    @Test
    void malformedScopeIsInvalidScope() {
        assertError(basic(TestClients.FULL_ID, TestClients.FULL_SECRET,
                form("grant_type", "client_credentials", "scope", "debts:read  company:read")), 400, "invalid_scope");
    }

    // --- refresh tokens with client credentials ----------------------------------------------------------------

    @Test
    void clientWithRefreshGrantReceivesRefreshTokenAndFamilyClaim() throws Exception {
        Response response = basic(TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, CC);
        response.then().statusCode(200).body("refresh_token", matchesPattern("rt_[A-Za-z0-9_-]{43}"));
        String fid = SignedJWT.parse(response.path("access_token")).getJWTClaimsSet().getStringClaim("fid");
        assertNotNull(fid, "the access token carries its family id");
    }

    @Test
    void clientWithoutRefreshGrantReceivesNoRefreshTokenAndNoFamilyClaim() throws Exception {
        Response response = basic(TestClients.READER_ID, TestClients.READER_SECRET, CC);
        response.then().statusCode(200);
        assertFalse(response.asString().contains("refresh_token"), "no refresh_token member at all");
        assertNull(SignedJWT.parse(response.path("access_token")).getJWTClaimsSet().getClaim("fid"));
    }

    // --- headers, audit ------------------------------------------------------------------------------------------

    @Test
    void everyTokenResponseCarriesNoStoreAndRequestId() {
        for (Response response : new Response[]{
                basic(TestClients.FULL_ID, TestClients.FULL_SECRET, CC),
                basic(TestClients.FULL_ID, "wrong-secret-wrong-secret-wrong-secret", CC),
                basic(TestClients.FULL_ID, TestClients.FULL_SECRET, form("grant_type", "nope")),
                body(CC)}) {
            assertNoStore(response);
            response.then().header("X-Request-Id", notNullValue());
        }
    }

    @Test
    void issuanceAndRefusalAreAuditedWithoutSecretsOrTokens() throws Exception {
        try (AuditCapture audit = AuditCapture.attach()) {
            Response ok = Tokens.at(base()).header("X-Request-Id", "audit-ok-1").auth().preemptive()
                    .basic(TestClients.PARTNER_ID, TestClients.PARTNER_SECRET).contentType(OAuth.FORM).body(CC).post("/token");
            ok.then().statusCode(200);
            Tokens.at(base()).header("X-Request-Id", "audit-refused-1").auth().preemptive()
                    .basic(TestClients.PARTNER_ID, "wrong-secret-wrong-secret-wrong-secret").contentType(OAuth.FORM)
                    .body(CC).post("/token").then().statusCode(401);

            String issued = audit.await(l -> l.contains("request_id=audit-ok-1"), Duration.ofSeconds(5));
            String refused = audit.await(l -> l.contains("request_id=audit-refused-1"), Duration.ofSeconds(5));
            assertNotNull(issued);
            assertNotNull(refused);
            assertTrue(issued.contains("event=token_issued") && issued.contains("client_id=acme-partner")
                    && issued.contains("outcome=success"), issued);
            assertTrue(refused.contains("event=token_refused") && refused.contains("client_id=acme-partner")
                    && refused.contains("reason=invalid_client"), refused);
            for (String line : audit.lines()) {
                assertFalse(line.contains(TestClients.PARTNER_SECRET), "no secret in the audit trail");
                assertFalse(line.contains((String) ok.path("access_token")), "no access token in the audit trail");
                assertFalse(line.contains((String) ok.path("refresh_token")), "no refresh token in the audit trail");
            }
        }
    }

    @Test
    void issuedTokensAreDistinct() {
        Set<String> jtis = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            String token = basic(TestClients.FULL_ID, TestClients.FULL_SECRET, CC).path("access_token");
            try {
                jtis.add(SignedJWT.parse(token).getJWTClaimsSet().getJWTID());
            } catch (java.text.ParseException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(5, jtis.size());
    }

    @Test
    void lastUseOfTheClientIsRecordedInBatchesNotPerRequest() {
        usage.flush();
        java.time.Instant before = clients.findById(TestClients.READER_ID).orElseThrow().lastUsedAt();
        basic(TestClients.READER_ID, TestClients.READER_SECRET, CC).then().statusCode(200);
        assertEquals(before, clients.findById(TestClients.READER_ID).orElseThrow().lastUsedAt(),
                "issuing a token writes nothing to the client's row");
        assertTrue(usage.flush() >= 1);
        java.time.Instant after = clients.findById(TestClients.READER_ID).orElseThrow().lastUsedAt();
        assertNotNull(after);
        assertTrue(before == null || after.isAfter(before) || after.equals(before));
    }
}
