package io.getbill.server.resources.ratelimit;

import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rate limits over real HTTP on a real MariaDB, with two server instances sharing the database: headers on every
 * counted response, 429 with Retry-After and details, refused authentications not counted, counts shared.
 */
class RateLimitMariaDbTest {

    static final String LIMITED_ID = "acme-limited";
    static final String LIMITED_SECRET = "acme-limited-secret-0123456789-abcdefghijkl";
    static final String PROFILE = "/external-api/v1/company/profile";

    static EmbeddedServer first;
    static EmbeddedServer second;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = new HashMap<>(TestServers.properties(TestServers.Database.MARIADB));
        Path bootstrap = Path.of((String) props.get("getbill.bootstrap-file"));
        Files.writeString(bootstrap, Files.readString(bootstrap) + """
                  - name: Limited Ltd
                    email: ops@limited.example
                    clients:
                      - client_id: %s
                        client_secret: "%s"
                        scopes: [company:read, users:read]
                        rate_limits: {reads_per_hour: 4, writes_per_hour: 2}
                """.formatted(LIMITED_ID, LIMITED_SECRET));
        props.put("getbill.rate-limit.sync-interval", "200ms");
        props.put("getbill.issuer", "http://getbill.test"); // instances behind one public URL share the issuer
        first = ApplicationContext.run(EmbeddedServer.class, props);
        second = ApplicationContext.run(EmbeddedServer.class, props);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    /**
     * One round of the rate limiter's database sync, run by the test instead of waiting for the scheduler: {@code from}
     * adds its counts to the shared table, then {@code to} reads every instance's totals back.
     */
    static void shareCounts(EmbeddedServer from, EmbeddedServer to) {
        from.getApplicationContext().getBean(RateLimiter.class).sync();
        to.getApplicationContext().getBean(RateLimiter.class).sync();
    }

    static Response get(EmbeddedServer server, String token, String path) {
        return Tokens.at(server.getURL().toString()).header("Authorization", "Bearer " + token).get(path);
    }

    @Test
    void countedResponsesCarryHeadersAndTheRequestOverTheLimitIs429WithRetryAfterAndDetailsOnEveryInstance() throws Exception {
        String token = Tokens.accessToken(first.getURL().toString(), LIMITED_ID, LIMITED_SECRET, "company:read");
        String forbidden = Tokens.accessToken(first.getURL().toString(), LIMITED_ID, LIMITED_SECRET, "users:read");

        Response r1 = get(first, token, PROFILE);
        r1.then().statusCode(200)
                .header("X-RateLimit-Limit", "4")
                .header("X-RateLimit-Remaining", "3")
                .header("X-RateLimit-Window", "3600")
                .header("X-RateLimit-Reset", notNullValue());
        long reset = Long.parseLong(r1.header("X-RateLimit-Reset"));
        assertTrue(reset > System.currentTimeMillis() / 1000 + 3500, "reset is about an hour ahead");

        // refused for scope (403) and without token (401): not counted, no rate-limit headers
        Response denied = get(first, forbidden, PROFILE);
        assertEquals(403, denied.statusCode());
        assertNull(denied.header("X-RateLimit-Remaining"));
        assertEquals(401, Tokens.at(first.getURL().toString()).get(PROFILE).statusCode());

        get(first, token, PROFILE).then().statusCode(200).header("X-RateLimit-Remaining", "2");
        shareCounts(first, second); // what the scheduled sync does every second, done now
        get(second, token, PROFILE).then().statusCode(200).header("X-RateLimit-Remaining", "1");
        get(second, token, PROFILE).then().statusCode(200).header("X-RateLimit-Remaining", "0");
        shareCounts(second, first);

        for (EmbeddedServer server : new EmbeddedServer[]{second, first}) {
            Response limited = get(server, token, PROFILE);
            limited.then().statusCode(429)
                    .header("Retry-After", notNullValue())
                    .header("X-RateLimit-Remaining", "0")
                    .header("X-RateLimit-Limit", "4")
                    .header("X-Request-Id", notNullValue())
                    .body("error", equalTo(true))
                    .body("code", equalTo(429))
                    .body("details.limit", equalTo(4))
                    .body("details.retry_after", notNullValue())
                    .body("details.reset_time", notNullValue());
            long retryAfter = Long.parseLong(limited.header("Retry-After"));
            assertTrue(retryAfter > 3000 && retryAfter <= 3600, "retry after the oldest minute leaves the hour: " + retryAfter);
            assertEquals(retryAfter, ((Number) limited.path("details.retry_after")).longValue());
        }
    }

    @Test
    void otherClientsAreNotAffectedByAClientsLimit() {
        String token = Tokens.accessToken(first.getURL().toString(), TestClients.FULL_ID, TestClients.FULL_SECRET, "company:read");
        get(first, token, PROFILE).then().statusCode(200).header("X-RateLimit-Limit", "1000");
    }
}
