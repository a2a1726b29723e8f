package io.getbill.server.oauth.discovery;

import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.oauth.keys.SigningKey;
import io.getbill.server.oauth.keys.SigningKeyRepository;
import io.getbill.server.oauth.keys.SigningKeyRotation;
import io.getbill.server.oauth.keys.SigningKeys;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authorization server metadata (RFC 8414), the JWKS (RFC 7517) and signing-key rotation, over HTTP against
 * MariaDB. The rotation period is 2 s here so that the scheduled job's rule can be exercised; its schedule itself
 * (check interval) is an hour, so that only the tests run it.
 */
@MicronautTest(transactional = false)
class DiscoveryAndKeyRotationTest extends ServerTest {

    @Inject
    SigningKeys keys;

    @Inject
    SigningKeyRepository keyRepository;

    @Inject
    SigningKeyRotation rotation;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("getbill.signing.rotation-period", "2s",
                "getbill.signing.check-interval", "1h",
                "getbill.signing.publish-ahead", "2h");
    }

    private String issuer() {
        return base().replaceAll("/$", "");
    }

    private List<String> publishedKids() {
        return Tokens.at(base()).get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys.kid");
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    @Test
    void metadataAdvertisesExactlyWhatTheServerAccepts() {
        List<String> methods = List.of("client_secret_basic", "client_secret_post");
        Tokens.at(base()).get("/.well-known/oauth-authorization-server").then()
                .statusCode(200)
                .body("issuer", equalTo(issuer()))
                .body("token_endpoint", equalTo(issuer() + "/token"))
                .body("jwks_uri", equalTo(issuer() + "/.well-known/jwks.json"))
                .body("revocation_endpoint", equalTo(issuer() + "/revoke"))
                .body("introspection_endpoint", equalTo(issuer() + "/introspect"))
                .body("authorization_endpoint", equalTo(issuer() + "/authorize"))
                .body("grant_types_supported", contains("client_credentials", "authorization_code", "refresh_token"))
                .body("response_types_supported", contains("code"))
                .body("code_challenge_methods_supported", contains("S256"))
                .body("authorization_response_iss_parameter_supported", equalTo(true))
                .body("scopes_supported.size()", equalTo(12))
                .body("token_endpoint_auth_methods_supported", equalTo(List.of("client_secret_basic", "client_secret_post", "none")))
                .body("revocation_endpoint_auth_methods_supported", equalTo(methods))
                .body("introspection_endpoint_auth_methods_supported", equalTo(methods));
    }

    @Test
    void issuerOfMetadataIsTheIssOfAccessTokens() throws Exception {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        assertEquals(issuer(), SignedJWT.parse(token).getJWTClaimsSet().getIssuer());
    }

    @Test
    void jwksHoldsPublicKeysOnly() {
        String jwks = Tokens.at(base()).get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        for (String privateMember : new String[]{"\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\""}) {
            assertFalse(jwks.contains(privateMember), "no private member " + privateMember + " in " + jwks);
        }
        Tokens.at(base()).get("/.well-known/jwks.json").then()
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].alg", equalTo("ES256"))
                .body("keys[0].crv", equalTo("P-256"));
    }

    @Test
    void keyRotationKeepsTokensOfTheOldKeyValidAndPublishesBothKeys() throws Exception {
        String before = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        keys.rotate(Instant.now());
        String after = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        assertNotEquals(kidOf(before), kidOf(after), "the new key signs");
        List<String> kids = publishedKids();
        assertTrue(kids.contains(kidOf(before)) && kids.contains(kidOf(after)), "both keys are published: " + kids);
        OAuth.profile(base(), before).then().statusCode(200);
        OAuth.profile(base(), after).then().statusCode(200);
    }

    @Test
    void rotatedKeyIsPublishedBeforeItSigns() throws Exception {
        keys.rotate(Instant.now()); // a clean start: one active key
        String current = kidOf(Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null));
        keys.rotate(Instant.now().plusSeconds(2));
        List<String> kids = publishedKids();
        String next = kids.stream().filter(k -> !k.equals(current)).filter(k -> {
            SigningKey key = keyRepository.findById(k).orElseThrow();
            return key.activatesAt() != null && key.activatesAt().isAfter(Instant.now());
        }).findFirst().orElseThrow();
        assertEquals(current, kidOf(Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null)),
                "the published key does not sign before its activation");
        Thread.sleep(2_100);
        assertEquals(next, kidOf(Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null)),
                "it signs from its activation on, without a reload");
    }

    @Test
    void tokensOfAnExpiredKeyAreRejectedEvenWhenCached() throws Exception {
        keys.rotate(Instant.now());
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.profile(base(), token).then().statusCode(200); // now in the verification cache
        keys.rotate(Instant.now());
        SigningKey old = keyRepository.findById(kidOf(token)).orElseThrow();
        Instant past = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
        keyRepository.update(new SigningKey(old.kid(), old.alg(), old.publicJwk(), old.privateJwkSealed(), old.createdAt(),
                past, past, old.activatesAt()));
        keys.reload();
        OAuth.profile(base(), token).then().statusCode(401);
        assertFalse(publishedKids().contains(old.kid()), "an expired key leaves the JWKS");
    }

    @Test
    void scheduledRotationRotatesWhenTheNewestKeyIsOlderThanThePeriodOnceAcrossInstances() throws Exception {
        Thread.sleep(2_100); // every key is now older than the 2 s rotation period
        int before = publishedKids().size();
        assertTrue(rotation.run(), "due, and the lock was free: rotates");
        assertEquals(before + 1, publishedKids().size());
        Thread.sleep(2_100);
        assertFalse(rotation.run(), "due again, but the lock is held for the check interval: no second rotation");
    }

    @Test
    void retiredKeyExpiresOnlyAfterEveryTokenItSignedHasExpired() {
        Instant activation = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        keys.rotate(activation);
        int retired = 0;
        for (SigningKey key : keyRepository.findAll()) {
            if (activation.equals(key.retiredAt())) {
                retired++;
                assertTrue(!key.expiresAt().isBefore(key.retiredAt().plus(Duration.ofHours(1))),
                        "expiry " + key.expiresAt() + " covers tokens signed until " + key.retiredAt());
            }
        }
        assertEquals(1, retired, "the key that signed until the new activation retires then");
    }
}
