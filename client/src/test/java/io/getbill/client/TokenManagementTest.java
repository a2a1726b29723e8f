package io.getbill.client;

import io.getbill.client.StubServer.Reply;
import io.getbill.client.errors.AuthenticationException;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.token.ClientAuthenticationMethod;
import io.getbill.client.token.IssuedTokens;
import io.getbill.client.token.TokenCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenManagementTest {
    private static final String PROFILE_PATH = "/external-api/v1/company/profile";
    private static final String INVALID_TOKEN = "Bearer realm=\"getbill\", error=\"invalid_token\", error_description=\"The access token expired\"";

    private StubServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-15T10:00:00Z"));

    @BeforeEach
    void startServer() throws Exception {
        server = StubServer.start();
        server.on("GET", PROFILE_PATH, Reply.json(200, Fixtures.PROFILE));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void whenFirstCallIsMadeThenOneTokenIsFetchedAndReusedForLaterCalls() throws Exception {
        server.tokenEndpoint(3600, false);
        GetBillClient client = Fixtures.client(server).clock(clock).build();

        assertEquals(0, server.count("/token"), "no token before the first call");
        client.company().getCompanyProfile();
        client.company().getCompanyProfile();
        clock.advance(Duration.ofMinutes(50));
        client.company().getCompanyProfile();

        assertEquals(1, server.count("/token"));
        assertEquals(3, server.count(PROFILE_PATH));
        server.requests(PROFILE_PATH).forEach(r -> assertEquals("Bearer at-1", r.header("Authorization")));
    }

    @Test
    void whenClientSecretBasicIsUsedThenCredentialsAreFormEncodedInTheAuthorizationHeaderAndTheBodyIsExact() throws Exception {
        server.tokenEndpoint(3600, false);
        Fixtures.client(server).clientSecret("p@ss word:+/").build().company().getCompanyProfile();

        StubServer.Received token = server.requests("/token").get(0);
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "acme-backend:p%40ss+word%3A%2B%2F".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, token.header("Authorization"));
        assertEquals("application/x-www-form-urlencoded", token.header("Content-Type"));
        assertEquals("grant_type=client_credentials&scope=debts%3Aread+debts%3Awrite", token.body());
    }

    @Test
    void whenClientSecretPostIsUsedThenCredentialsAreInTheBodyAndNoAuthorizationHeaderIsSent() throws Exception {
        server.tokenEndpoint(3600, false);
        Fixtures.client(server).clientAuthentication(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .build().company().getCompanyProfile();

        StubServer.Received token = server.requests("/token").get(0);
        assertEquals(null, token.header("Authorization"));
        assertEquals("grant_type=client_credentials&scope=debts%3Aread+debts%3Awrite&client_id=acme-backend&client_secret="
                + Fixtures.CLIENT_SECRET, token.body());
    }

    @Test
    void whenTokenNearsExpiryAndARefreshTokenWasIssuedThenTheRefreshTokenGrantIsUsed() throws Exception {
        server.tokenEndpoint(3600, true);
        GetBillClient client = Fixtures.client(server).clock(clock).tokenRefreshSkew(Duration.ofSeconds(60)).build();

        client.company().getCompanyProfile();
        clock.advance(Duration.ofSeconds(3600 - 59));
        client.company().getCompanyProfile();

        List<StubServer.Received> tokens = server.requests("/token");
        assertEquals(2, tokens.size());
        assertEquals("grant_type=refresh_token&refresh_token=rt-1", tokens.get(1).body());
        assertEquals("Bearer at-2", server.requests(PROFILE_PATH).get(1).header("Authorization"));
    }

    @Test
    void whenTokenNearsExpiryWithoutARefreshTokenThenANewClientCredentialsGrantIsUsed() throws Exception {
        server.tokenEndpoint(3600, false);
        GetBillClient client = Fixtures.client(server).clock(clock).build();

        client.company().getCompanyProfile();
        clock.advance(Duration.ofSeconds(3600 - 30));
        client.company().getCompanyProfile();

        List<StubServer.Received> tokens = server.requests("/token");
        assertEquals(2, tokens.size());
        assertTrue(tokens.get(1).body().startsWith("grant_type=client_credentials"));
    }

    @Test
    void whenTheRefreshIsRefusedThenAClientCredentialsGrantFollowsAndTheRefreshIsNotResent() throws Exception {
        server.on("POST", "/token", (request, n) -> request.body().startsWith("grant_type=refresh_token")
                ? Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token already used\"}")
                : Reply.json(200, StubServer.tokenJson("at-" + n, 3600, "rt-" + n)));
        GetBillClient client = Fixtures.client(server).clock(clock).build();

        client.company().getCompanyProfile();
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        client.company().getCompanyProfile();

        List<String> grants = server.requests("/token").stream().map(StubServer.Received::body).toList();
        assertEquals(3, grants.size(), grants.toString());
        assertTrue(grants.get(0).startsWith("grant_type=client_credentials"));
        assertEquals("grant_type=refresh_token&refresh_token=rt-1", grants.get(1));
        assertTrue(grants.get(2).startsWith("grant_type=client_credentials"));
        assertEquals("Bearer at-3", server.requests(PROFILE_PATH).get(1).header("Authorization"));
    }

    @Test
    void whenTheRefreshResponseIsLostThenAClientCredentialsGrantFollowsAndTheRefreshIsNotResent() throws Exception {
        server.on("POST", "/token", (request, n) -> request.body().startsWith("grant_type=refresh_token")
                ? Reply.json(200, StubServer.tokenJson("lost", 3600, "lost-rt")).delayedBy(4000)
                : Reply.json(200, StubServer.tokenJson("at-" + n, 3600, "rt-" + n)));
        GetBillClient client = Fixtures.client(server).clock(clock).requestTimeout(Duration.ofMillis(1500)).build();

        client.company().getCompanyProfile();
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        client.company().getCompanyProfile();

        List<String> grants = server.requests("/token").stream().map(StubServer.Received::body).toList();
        assertEquals(3, grants.size(), grants.toString());
        assertEquals(1, grants.stream().filter(b -> b.startsWith("grant_type=refresh_token")).count());
        assertTrue(grants.get(2).startsWith("grant_type=client_credentials"));
        assertEquals("Bearer at-3", server.requests(PROFILE_PATH).get(1).header("Authorization"));
    }

    @Test
    void whenHundredThreadsNeedATokenAtOnceThenOneTokenRequestIsMade() throws Exception {
        server.on("POST", "/token", (request, n) -> Reply.json(200, StubServer.tokenJson("at-" + n, 3600, null)).delayedBy(300));
        GetBillClient client = Fixtures.client(server).build();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return client.company().getCompanyProfile();
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, server.count("/token"));
        assertEquals(100, server.count(PROFILE_PATH));
    }

    @Test
    void whenHundredThreadsNeedATokenAndTheTokenEndpointRefusesThenOneTokenRequestIsMadeAndEveryCallGetsTheError() throws Exception {
        server.on("POST", "/token", Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")
                .delayedBy(300));
        GetBillClient client = Fixtures.client(server).build();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        Map<Class<?>, Integer> outcomes = new ConcurrentHashMap<>();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    try {
                        client.company().getCompanyProfile();
                        outcomes.merge(Void.class, 1, Integer::sum);
                    } catch (Exception e) {
                        outcomes.merge(e.getClass(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, server.count("/token"));
        assertEquals(Map.of(TokenRequestException.class, 100), outcomes);
        assertEquals(0, server.count(PROFILE_PATH));
    }

    @Test
    void whenAResourceAnswersInvalidTokenThenTheTokenIsRenewedOnceAndTheCallSentOnceMore() throws Exception {
        server.tokenEndpoint(3600, false);
        server.on("GET", PROFILE_PATH, (request, n) -> n == 1
                ? Reply.json(401, Fixtures.error(401, "Authentication credentials are missing or invalid"))
                .withHeader("WWW-Authenticate", INVALID_TOKEN)
                : Reply.json(200, Fixtures.PROFILE));
        GetBillClient client = Fixtures.client(server).build();

        assertEquals("Acme Recovery", client.company().getCompanyProfile().getData().getName());

        assertEquals(2, server.count("/token"));
        List<StubServer.Received> calls = server.requests(PROFILE_PATH);
        assertEquals(2, calls.size());
        assertEquals("Bearer at-1", calls.get(0).header("Authorization"));
        assertEquals("Bearer at-2", calls.get(1).header("Authorization"));
    }

    @Test
    void whenTheRenewedTokenIsRefusedTooThenAuthenticationExceptionIsThrownWithoutALoop() throws Exception {
        server.tokenEndpoint(3600, false);
        server.on("GET", PROFILE_PATH, Reply.json(401, Fixtures.error(401, "Authentication credentials are missing or invalid"))
                .withHeader("WWW-Authenticate", INVALID_TOKEN));
        GetBillClient client = Fixtures.client(server).build();

        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.company().getCompanyProfile());

        assertEquals(Optional.of("invalid_token"), e.error());
        assertEquals(401, e.getCode());
        assertEquals(2, server.count("/token"));
        assertEquals(2, server.count(PROFILE_PATH));
    }

    @Test
    void whenAResourceAnswers401WithoutInvalidTokenThenNoRenewalIsAttempted() throws Exception {
        server.tokenEndpoint(3600, false);
        server.on("GET", PROFILE_PATH, Reply.json(401, Fixtures.error(401, "Authentication credentials are missing or invalid"))
                .withHeader("WWW-Authenticate", "Bearer realm=\"getbill\""));
        GetBillClient client = Fixtures.client(server).build();

        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.company().getCompanyProfile());

        assertEquals(Optional.empty(), e.error());
        assertEquals(1, server.count("/token"));
        assertEquals(1, server.count(PROFILE_PATH));
    }

    @Test
    void whenTheTokenEndpointRefusesTheClientThenTokenRequestExceptionCarriesTheOAuthError() throws Exception {
        server.on("POST", "/token", Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")
                .withHeader("WWW-Authenticate", "Basic realm=\"getbill\"").withHeader("X-Request-Id", "req-token"));
        GetBillClient client = Fixtures.client(server).build();

        TokenRequestException e = assertThrows(TokenRequestException.class, () -> client.debts().getDebt("abc123def456"));

        assertEquals(401, e.status());
        assertEquals(Optional.of("invalid_client"), e.error());
        assertEquals(Optional.of("req-token"), e.requestId());
        assertEquals(1, server.count("/token"), "a refused client-credentials grant is not resent");
        assertEquals(0, server.count("/external-api/v1/debts/abc123def456"));
    }

    @Test
    void whenTheTokenEndpointAnswers503ThenTheClientCredentialsGrantIsSentAgain() throws Exception {
        server.on("POST", "/token", (request, n) -> n == 1
                ? Reply.json(503, "{\"error\":\"temporarily_unavailable\"}")
                : Reply.json(200, StubServer.tokenJson("at-" + n, 3600, null)));

        Fixtures.client(server).build().company().getCompanyProfile();

        assertEquals(2, server.count("/token"));
    }

    @Test
    void whenTheTokenCacheHoldsAFreshTokenThenNoTokenRequestIsMade() throws Exception {
        server.tokenEndpoint(3600, false);
        RecordingCache cache = new RecordingCache();
        cache.tokens = new IssuedTokens("cached-at", null, "debts:read debts:write", clock.instant(),
                clock.instant().plusSeconds(3600));
        GetBillClient client = Fixtures.client(server).clock(clock).tokenCache(cache).build();

        client.company().getCompanyProfile();

        assertEquals(0, server.count("/token"));
        assertEquals("Bearer cached-at", server.requests(PROFILE_PATH).get(0).header("Authorization"));
        assertEquals(server.baseUrl() + "/token acme-backend debts:read debts:write", cache.keys.get(0));
    }

    @Test
    void whenATokenIsIssuedThenItIsStoredInTheCacheAndItsRefreshTokenIsRemovedBeforeItIsPresented() throws Exception {
        server.tokenEndpoint(3600, true);
        RecordingCache cache = new RecordingCache();
        GetBillClient client = Fixtures.client(server).clock(clock).tokenCache(cache).build();

        client.company().getCompanyProfile();
        assertEquals("at-1", cache.tokens.accessToken());
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        client.company().getCompanyProfile();

        assertEquals(List.of("load", "store at-1", "load", "remove", "store at-2"), cache.events);
    }

    @Test
    void whenTheTokenCacheFailsThenTokensStillWork() throws Exception {
        server.tokenEndpoint(3600, false);
        TokenCache broken = new TokenCache() {
            @Override
            public Optional<IssuedTokens> load(String key) {
                throw new IllegalStateException("cache down");
            }

            @Override
            public void store(String key, IssuedTokens tokens) {
                throw new IllegalStateException("cache down");
            }

            @Override
            public void remove(String key) {
                throw new IllegalStateException("cache down");
            }
        };

        Fixtures.client(server).tokenCache(broken).build().company().getCompanyProfile();

        assertEquals(1, server.count("/token"));
    }

    @Test
    void whenTheTokenLifetimeIsShorterThanTheSkewThenTheTokenIsStillReusedForHalfItsLifetime() throws Exception {
        server.tokenEndpoint(60, false);
        GetBillClient client = Fixtures.client(server).clock(clock).tokenRefreshSkew(Duration.ofMinutes(5)).build();

        client.company().getCompanyProfile();
        clock.advance(Duration.ofSeconds(29));
        client.company().getCompanyProfile();
        assertEquals(1, server.count("/token"));
        clock.advance(Duration.ofSeconds(1));
        client.company().getCompanyProfile();
        assertEquals(2, server.count("/token"));
        assertFalse(server.requests("/token").get(1).body().contains("refresh_token"));
    }

    /** A cache that records what the manager does with it. */
    static final class RecordingCache implements TokenCache {
        volatile IssuedTokens tokens;
        final List<String> events = new ArrayList<>();
        final List<String> keys = new ArrayList<>();

        @Override
        public synchronized Optional<IssuedTokens> load(String key) {
            events.add("load");
            keys.add(key);
            return Optional.ofNullable(tokens);
        }

        @Override
        public synchronized void store(String key, IssuedTokens tokens) {
            events.add("store " + tokens.accessToken());
            this.tokens = tokens;
        }

        @Override
        public synchronized void remove(String key) {
            events.add("remove");
            tokens = null;
        }
    }
}
