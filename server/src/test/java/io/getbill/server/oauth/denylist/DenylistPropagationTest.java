package io.getbill.server.oauth.denylist;

import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.SecondInstance;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.getbill.server.testsupport.OAuth.form;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two server instances on the same MariaDB database (same master key and issuer): a token revoked on one is refused
 * by the other within 5 seconds, with no database round trip on the other's request path.
 */
@MicronautTest(transactional = false)
class DenylistPropagationTest extends ServerTest {

    private static final long PROPAGATION_LIMIT_MILLIS = 5_000;

    private Map<String, String> properties;
    private SecondInstance second;

    @Override
    public Map<String, String> getProperties() {
        properties = new HashMap<>(super.getProperties());
        properties.put("getbill.issuer", "http://getbill.test");
        return properties;
    }

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

    private String secondBase() {
        return second.base();
    }

    /** Milliseconds until {@code base} refuses {@code token}, failing after the limit. */
    private long millisUntilRefused(String base, String token) throws InterruptedException {
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < PROPAGATION_LIMIT_MILLIS + 1_000) {
            if (OAuth.profile(base, token).statusCode() == 401) {
                return System.currentTimeMillis() - start;
            }
            Thread.sleep(100);
        }
        return Long.MAX_VALUE;
    }

    @Test
    void tokensOfOneInstanceAreValidOnTheOther() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.profile(secondBase(), token).then().statusCode(200);
        String fromSecond = Tokens.accessToken(secondBase(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.profile(base(), fromSecond).then().statusCode(200);
    }

    @Test
    void revokedAccessTokenIsRefusedAtOnceHereAndWithinFiveSecondsOnTheOtherInstance() throws Exception {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.profile(base(), token).then().statusCode(200);
        OAuth.profile(secondBase(), token).then().statusCode(200); // cached as verified on the second instance
        OAuth.postBasic(base(), "/revoke", TestClients.FULL_ID, TestClients.FULL_SECRET, form("token", token))
                .then().statusCode(200);
        OAuth.profile(base(), token).then().statusCode(401);
        long millis = millisUntilRefused(secondBase(), token);
        assertTrue(millis <= PROPAGATION_LIMIT_MILLIS, "refused by the other instance after " + millis + " ms");
    }

    @Test
    void familyRevokedByReplayOnOneInstanceIsRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        Response first = OAuth.clientCredentials(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET);
        String access = first.path("access_token");
        String rt1 = first.path("refresh_token");
        OAuth.profile(secondBase(), access).then().statusCode(200);
        OAuth.refresh(secondBase(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, rt1).then().statusCode(200);
        OAuth.refresh(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, rt1).then().statusCode(400);
        long millis = millisUntilRefused(secondBase(), access);
        assertTrue(millis <= PROPAGATION_LIMIT_MILLIS, "refused by the other instance after " + millis + " ms");
    }
}
