package io.getbill.server.oauth.clients;

import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.getbill.server.testsupport.OAuth.form;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throttling of failed client authentications per client_id and per source address, with low thresholds
 * (3 per client, 8 per address, 3 s window).
 */
@MicronautTest(transactional = false)
class ClientAuthenticationThrottleTest extends ServerTest {

    private static final String CC = form("grant_type", "client_credentials");
    private static final String WRONG = "wrong-secret-wrong-secret-wrong-secret";

    @Inject
    ClientAuthenticationThrottle throttle;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("getbill.client-authentication.throttle.failures-per-client", "3",
                "getbill.client-authentication.throttle.failures-per-address", "8",
                "getbill.client-authentication.throttle.window", "3s");
    }

    @BeforeEach
    void reset() {
        throttle.reset();
    }

    private Response token(String clientId, String secret) {
        return OAuth.postBasic(base(), "/token", clientId, secret, CC);
    }

    private static void assertThrottled(Response response) {
        response.then().statusCode(429)
                .body("error", equalTo("temporarily_unavailable"))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
    }

    @Test
    void failuresBeyondTheClientLimitAreThrottledWithRetryAfterUntilTheWindowEnds() throws Exception {
        for (int i = 0; i < 3; i++) {
            token(TestClients.FULL_ID, WRONG).then().statusCode(401);
        }
        assertThrottled(token(TestClients.FULL_ID, WRONG));
        // refused before the secret is checked, which is what makes guessing pointless
        assertThrottled(token(TestClients.FULL_ID, TestClients.FULL_SECRET));
        // other clients are not affected
        token(TestClients.READER_ID, TestClients.READER_SECRET).then().statusCode(200);
        Thread.sleep(3_100);
        token(TestClients.FULL_ID, TestClients.FULL_SECRET).then().statusCode(200);
    }

    @Test
    void failuresBeyondTheAddressLimitAreThrottledForEveryClientFromThatAddress() {
        for (int i = 0; i < 8; i++) {
            token("unknown-client-" + i, WRONG).then().statusCode(401);
        }
        assertThrottled(token("unknown-client-x", WRONG));
        assertThrottled(token(TestClients.READER_ID, TestClients.READER_SECRET));
    }

    @Test
    void spoofedForwardedForDoesNotEscapeTheAddressLimitByDefault() {
        for (int i = 0; i < 8; i++) {
            Tokens.at(base()).header("X-Forwarded-For", "198.51.100." + i).auth().preemptive()
                    .basic("unknown-client-" + i, WRONG).contentType(OAuth.FORM).body(CC).post("/token")
                    .then().statusCode(401);
        }
        Response response = Tokens.at(base()).header("X-Forwarded-For", "203.0.113.9").auth().preemptive()
                .basic("unknown-client-y", WRONG).contentType(OAuth.FORM).body(CC).post("/token");
        assertThrottled(response);
    }

    @Test
    void successfulAuthenticationsAreNeverThrottled() {
        for (int i = 0; i < 30; i++) {
            token(TestClients.READER_ID, TestClients.READER_SECRET).then().statusCode(200);
        }
    }

    @Test
    void failuresWithoutAnyCredentialsCountAgainstTheAddress() {
        for (int i = 0; i < 8; i++) {
            OAuth.post(base(), "/token", CC).then().statusCode(401);
        }
        assertThrottled(OAuth.post(base(), "/token", CC));
    }

    @Test
    void revocationAndIntrospectionAreThrottledToo() {
        for (int i = 0; i < 3; i++) {
            OAuth.postBasic(base(), "/revoke", TestClients.FULL_ID, WRONG, form("token", "x")).then().statusCode(401);
        }
        assertThrottled(OAuth.postBasic(base(), "/revoke", TestClients.FULL_ID, WRONG, form("token", "x")));
        assertThrottled(OAuth.postBasic(base(), "/introspect", TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", "x")));
    }
}
