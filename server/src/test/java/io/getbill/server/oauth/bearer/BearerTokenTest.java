package io.getbill.server.oauth.bearer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.getbill.server.oauth.keys.SigningKeys;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.MintedTokens;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Bearer tokens on the resources (RFC 6750 §3, RFC 9068 §4), over HTTP against MariaDB. Tokens that need the
 * server's key to reach a later check (expired, wrong typ, iss, aud) are minted with its {@link SigningKeys}.
 */
@MicronautTest(transactional = false)
class BearerTokenTest extends ServerTest {

    private static final String PROFILE = "/external-api/v1/company/profile";

    @Inject
    SigningKeys keys;

    String genuine;

    @BeforeAll
    void obtainToken() {
        genuine = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
    }

    private Response withAuthorization(String value) {
        return Tokens.at(base()).header("Authorization", value).get(PROFILE);
    }

    private void assertInvalidToken(String token) {
        withAuthorization("Bearer " + token).then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer realm=\"getbill\""))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo(true))
                .body("code", equalTo(401))
                .body("request_id", notNullValue());
    }

    @Test
    void validTokenIsAccepted() {
        withAuthorization("Bearer " + genuine).then().statusCode(200);
    }

    @Test
    void lowercaseBearerSchemeIsAccepted() {
        withAuthorization("bearer " + genuine).then().statusCode(200);
        withAuthorization("BEARER " + genuine).then().statusCode(200);
    }

    @Test
    void requestWithoutTokenIsUnauthorizedWithChallengeWithoutErrorCode() {
        Tokens.at(base()).get(PROFILE).then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"getbill\""))
                .body("code", equalTo(401));
    }

    @Test
    void tokenInQueryStringIsIgnored() {
        Tokens.at(base()).get(PROFILE + "?access_token=" + genuine).then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"getbill\""));
    }

    @Test
    void tokenInFormBodyIsIgnored() {
        Tokens.at(base()).contentType(OAuth.FORM).body("access_token=" + genuine).get(PROFILE).then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"getbill\""));
    }

    @Test
    void basicCredentialsOnResourceAreUnauthorizedWithBearerChallenge() {
        String basic = Base64.getEncoder().encodeToString((TestClients.FULL_ID + ":" + TestClients.FULL_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        withAuthorization("Basic " + basic).then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer realm=\"getbill\""));
    }

    @Test
    void malformedTokenIsInvalidToken() {
        assertInvalidToken("not-a-jwt");
        assertInvalidToken("a.b.c");
    }

    @Test
    void tamperedSignatureIsInvalidToken() {
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"scope\":\"", "\"scope\":\"x ");
        assertInvalidToken(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void tokenSignedByForeignKeyWithServersKidIsInvalidToken() throws Exception {
        ECKey foreign = new ECKeyGenerator(Curve.P_256).generate();
        String token = MintedTokens.sign(new ECDSASigner(foreign), new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt")).keyID(keys.active().kid()).build(),
                MintedTokens.claimsOf(genuine).build());
        assertInvalidToken(token);
    }

    @Test
    void tokenWithUnknownKidIsInvalidToken() {
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h.keyID("no-such-key"), c -> c));
    }

    @Test
    void tokenWithoutKidIsInvalidToken() {
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h.keyID(null), c -> c));
    }

    @Test
    void algNoneIsInvalidToken() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.active().kid() + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = genuine.split("\\.")[1];
        assertInvalidToken(header + "." + payload + ".");
    }

    @Test
    void hmacTokenWithServersKidIsInvalidToken() throws Exception {
        byte[] secret = new byte[32];
        String token = MintedTokens.sign(new MACSigner(secret), new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("at+jwt")).keyID(keys.active().kid()).build(), MintedTokens.claimsOf(genuine).build());
        assertInvalidToken(token);
    }

    @Test
    void expiredTokenIsInvalidToken() {
        long now = System.currentTimeMillis();
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h,
                c -> c.issueTime(new Date(now - 7_200_000)).expirationTime(new Date(now - 3_600_000))));
    }

    @Test
    void tokenWithoutExpiryIsInvalidToken() {
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h, c -> c.expirationTime(null)));
    }

    @Test
    void tokenOfWrongTypeIsInvalidToken() {
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h.type(JOSEObjectType.JWT), c -> c));
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h.type(null), c -> c));
    }

    @Test
    void tokenOfWrongIssuerIsInvalidToken() {
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h, c -> c.issuer("https://evil.example")));
    }

    @Test
    void tokenOfWrongAudienceIsInvalidToken() {
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h, c -> c.audience("https://other.example/api")));
        assertInvalidToken(MintedTokens.resign(keys, genuine, h -> h, c -> c.audience((String) null)));
    }

    @Test
    void revokedTokenIsInvalidToken() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, "company:read");
        withAuthorization("Bearer " + token).then().statusCode(200); // cached as verified
        OAuth.postBasic(base(), "/revoke", TestClients.FULL_ID, TestClients.FULL_SECRET, OAuth.form("token", token))
                .then().statusCode(200);
        assertInvalidToken(token);
    }

    @Test
    void twoAuthorizationHeadersAreInvalidRequest() {
        Tokens.at(base()).header("Authorization", "Bearer " + genuine).header("Authorization", "Bearer " + genuine)
                .get(PROFILE).then()
                .statusCode(400)
                .header("WWW-Authenticate", containsString("error=\"invalid_request\""))
                .body("code", equalTo(400));
    }

    @Test
    void emptyBearerIsInvalidRequest() {
        withAuthorization("Bearer ").then()
                .statusCode(400)
                .header("WWW-Authenticate", containsString("error=\"invalid_request\""));
        withAuthorization("Bearer").then()
                .statusCode(400)
                .header("WWW-Authenticate", containsString("error=\"invalid_request\""));
    }

    @Test
    void tokenWithoutOperationScopeIsForbiddenNamingTheScope() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, "debts:read");
        withAuthorization("Bearer " + token).then()
                .statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .header("WWW-Authenticate", containsString("scope=\"company:read\""))
                .header("WWW-Authenticate", not(containsString("invalid_token")))
                .body("code", equalTo(403));
    }
}
