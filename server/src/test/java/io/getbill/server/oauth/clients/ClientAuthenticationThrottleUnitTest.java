package io.getbill.server.oauth.clients;

import io.getbill.server.oauth.protocol.OAuthErrorCode;
import io.getbill.server.oauth.protocol.OAuthException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAuthenticationThrottleUnitTest {

    private static ClientAuthenticationThrottle throttle(boolean trustForwardedFor) {
        return new ClientAuthenticationThrottle(true, 2, 5, Duration.ofSeconds(30), trustForwardedFor, Clock.systemUTC());
    }

    @Test
    void clientIsThrottledAtItsLimitWithRetryAfterWithinTheWindow() {
        ClientAuthenticationThrottle throttle = throttle(false);
        throttle.recordFailure("c", "10.0.0.1");
        assertDoesNotThrow(() -> throttle.checkClient("c"));
        throttle.recordFailure("c", "10.0.0.2");
        OAuthException e = assertThrows(OAuthException.class, () -> throttle.checkClient("c"));
        assertEquals(OAuthErrorCode.TEMPORARILY_UNAVAILABLE, e.error());
        assertTrue(e.retryAfterSeconds() >= 1 && e.retryAfterSeconds() <= 30);
        assertDoesNotThrow(() -> throttle.checkClient("other"));
        assertDoesNotThrow(() -> throttle.checkAddress("10.0.0.1"));
    }

    @Test
    void addressIsThrottledAtItsLimit() {
        ClientAuthenticationThrottle throttle = throttle(false);
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("client-" + i, "10.0.0.9");
        }
        assertThrows(OAuthException.class, () -> throttle.checkAddress("10.0.0.9"));
    }

    @Test
    void disabledThrottleNeverRefuses() {
        ClientAuthenticationThrottle throttle = new ClientAuthenticationThrottle(false, 1, 1, Duration.ofMinutes(1), false, Clock.systemUTC());
        throttle.recordFailure("c", "a");
        throttle.recordFailure("c", "a");
        assertDoesNotThrow(() -> throttle.checkClient("c"));
        assertDoesNotThrow(() -> throttle.checkAddress("a"));
    }

    @Test
    void forwardedForIsUsedOnlyWhenTrustedAndThenItsRightMostEntry() {
        MutableHttpRequest<?> request = HttpRequest.POST("/token", "")
                .header("X-Forwarded-For", "198.51.100.7, 203.0.113.5");
        assertEquals("203.0.113.5", throttle(true).sourceAddress(request));
        assertTrue(!throttle(false).sourceAddress(request).contains("203.0.113.5"));
    }

    @Test
    void resetForgetsFailures() {
        ClientAuthenticationThrottle throttle = throttle(false);
        throttle.recordFailure("c", "a");
        throttle.recordFailure("c", "a");
        throttle.reset();
        assertDoesNotThrow(() -> throttle.checkClient("c"));
    }
}
