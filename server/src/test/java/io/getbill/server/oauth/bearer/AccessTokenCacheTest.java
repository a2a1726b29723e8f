package io.getbill.server.oauth.bearer;

import io.getbill.server.infrastructure.config.AdjustableClock;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.oauth.keys.SigningKeys;
import io.getbill.server.oauth.denylist.Denylist;
import io.getbill.server.testsupport.MintedTokens;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verified-token cache of {@link AccessTokenValidator}: bounded, expiring at each token's {@code exp} by the
 * server's clock, and kept warm for the tokens in use when a flood of other tokens arrives. A validator with a small
 * bound is built on the running server's keys, issuer and denylist.
 */
@MicronautTest(transactional = false)
class AccessTokenCacheTest extends ServerTest {

    private static final int BOUND = 20;

    @Inject
    SigningKeys keys;
    @Inject
    Issuer issuer;
    @Inject
    Denylist denylist;

    String genuine;

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    @BeforeAll
    void obtainToken() {
        genuine = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
    }

    private String distinctValidToken(int i) {
        return MintedTokens.resign(keys, genuine, h -> h, c -> c.jwtID("flood-" + i));
    }

    @Test
    void floodOfDistinctValidTokensWhenFullKeepsTheTokenInUseAndTheBound() throws Exception {
        AccessTokenValidator validator = new AccessTokenValidator(keys, issuer, denylist, new AdjustableClock(Instant.now()), BOUND);
        for (int i = 0; i < 5; i++) {
            validator.verify(genuine);
        }
        for (int i = 0; i < 300; i++) {
            validator.verify(distinctValidToken(i));
            validator.verify(genuine);
        }
        assertTrue(validator.isCached(genuine), "the token in use is still a cache hit");
        long size = validator.cachedTokens();
        assertTrue(size <= BOUND, "bounded: " + size);
        assertTrue(size >= BOUND / 2, "evicted one by one, never emptied: " + size);
    }

    @Test
    void forgedTokensAreNeverCached() {
        AccessTokenValidator validator = new AccessTokenValidator(keys, issuer, denylist, new AdjustableClock(Instant.now()), BOUND);
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "A".repeat(86);
        assertThrows(AccessTokenValidator.InvalidTokenException.class, () -> validator.verify(forged));
        assertFalse(validator.isCached(forged));
        assertEquals(0, validator.cachedTokens());
    }

    @Test
    void cachedTokenIsRefusedAndDroppedOnceTheClockPassesItsExpiry() throws Exception {
        AdjustableClock clock = new AdjustableClock(Instant.now());
        AccessTokenValidator validator = new AccessTokenValidator(keys, issuer, denylist, clock, BOUND);
        assertDoesNotThrow(() -> validator.verify(genuine));
        assertTrue(validator.isCached(genuine));
        clock.advance(Duration.ofHours(2));
        AccessTokenValidator.InvalidTokenException e =
                assertThrows(AccessTokenValidator.InvalidTokenException.class, () -> validator.verify(genuine));
        assertEquals("The access token expired", e.getMessage());
        assertFalse(validator.isCached(genuine));
    }
}
