package io.getbill.client;

import io.getbill.client.StubServer.Reply;
import io.getbill.client.authorization.AuthorizationCodeFlow;
import io.getbill.client.authorization.AuthorizationDeniedException;
import io.getbill.client.authorization.AuthorizationErrorException;
import io.getbill.client.authorization.CodeVerifier;
import io.getbill.client.authorization.InvalidAuthorizationResponseException;
import io.getbill.client.authorization.PendingAuthorization;
import io.getbill.client.errors.ReauthorizationRequiredException;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.token.ClientAuthenticationMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizationCodeFlowTest {
    private static final String PROFILE_PATH = "/external-api/v1/company/profile";
    private static final String CLIENT_ID = "acme-invoicing-app";
    private static final String REDIRECT_URI = "https://app.acme.example/callback";

    private StubServer server;
    private String issuer;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-15T10:00:00Z"));

    @BeforeEach
    void startServer() throws Exception {
        server = StubServer.start();
        issuer = server.baseUrl().toString();
        server.on("GET", "/.well-known/oauth-authorization-server", Reply.json(200, metadata(true, "/oauth/authorize")));
        server.on("GET", PROFILE_PATH, Reply.json(200, Fixtures.PROFILE));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String metadata(boolean issSupported, String authorizePath) {
        return "{\"issuer\":\"" + issuer + "\","
                + (authorizePath == null ? "" : "\"authorization_endpoint\":\"" + issuer + authorizePath + "\",")
                + "\"token_endpoint\":\"" + issuer + "/token\",\"response_types_supported\":[\"code\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"authorization_response_iss_parameter_supported\":" + issSupported + "}";
    }

    private AuthorizationCodeFlow.Builder flow() {
        return AuthorizationCodeFlow.builder()
                .baseUrl(server.baseUrl())
                .clientId(CLIENT_ID)
                .redirectUri(REDIRECT_URI)
                .requestTimeout(Duration.ofSeconds(5))
                .retryPolicy(Fixtures.FAST_RETRIES)
                .clock(clock);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            assertNull(out.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)), "repeated " + name);
        }
        return out;
    }

    private URI callback(String... pairs) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            q.append(q.length() == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(REDIRECT_URI + "?" + q);
    }

    @Test
    void whenStartedThenTheUrlCarriesCodeClientRedirectScopeStateAndAnS256ChallengeOfTheKeptVerifier() throws Exception {
        PendingAuthorization pending = flow().build().start("debts:read", "company:read");

        URI uri = pending.authorizationUri();
        assertEquals(issuer + "/oauth/authorize", uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath(),
                "the metadata's authorization_endpoint");
        Map<String, String> q = query(uri);
        assertEquals("code", q.get("response_type"));
        assertEquals(CLIENT_ID, q.get("client_id"));
        assertEquals(REDIRECT_URI, q.get("redirect_uri"));
        assertEquals("debts:read company:read", q.get("scope"));
        assertTrue(uri.getRawQuery().contains("scope=debts%3Aread%20company%3Aread"), "space as %20");
        assertEquals(pending.state(), q.get("state"));
        assertEquals(32, Base64.getUrlDecoder().decode(pending.state()).length, "256 bits of state");
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(CodeVerifier.of(pending.codeVerifier()).challenge(), q.get("code_challenge"));
        assertFalse(uri.getRawQuery().contains(pending.codeVerifier()), "the verifier never travels in the URL");
    }

    @Test
    void whenStartedTwiceThenStateAndVerifierAreFreshAndMetadataIsReadOnce() throws Exception {
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization first = flow.start();
        PendingAuthorization second = flow.start();

        assertNotEquals(first.state(), second.state());
        assertNotEquals(first.codeVerifier(), second.codeVerifier());
        assertFalse(query(first.authorizationUri()).containsKey("scope"), "no scope asks for the registered scopes");
        assertEquals(1, server.count("/.well-known/oauth-authorization-server"));
    }

    @Test
    void whenMetadataHasNoAuthorizationEndpointThenBaseUrlAuthorizeIsUsed() throws Exception {
        server.on("GET", "/.well-known/oauth-authorization-server", Reply.json(200, metadata(true, null)));

        URI uri = flow().build().start("debts:read").authorizationUri();

        assertEquals("/authorize", uri.getPath());
    }

    @Test
    void pendingAuthorizationSurvivesSerializationAndHidesItsSecretsInToString() throws Exception {
        PendingAuthorization pending = flow().build().start("debts:read");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(pending);
        }
        PendingAuthorization copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PendingAuthorization) in.readObject();
        }

        assertEquals(pending.state(), copy.state());
        assertEquals(pending.codeVerifier(), copy.codeVerifier());
        assertEquals(pending.authorizationUri(), copy.authorizationUri());
        assertFalse(pending.toString().contains(pending.state()));
        assertFalse(pending.toString().contains(pending.codeVerifier()));
    }

    @Test
    void whenAPublicClientCompletesThenTheCodeIsExchangedOnceWithVerifierAndClientIdAndNoSecret() throws Exception {
        server.on("POST", "/token", Reply.json(200, StubServer.tokenJson("at-user-1", 3600, "rt-user-1")));
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start("debts:read");

        GetBillClient client = flow.complete(pending, callback("code", "c0de/+=", "state", pending.state(), "iss", issuer));
        client.company().getCompanyProfile();

        assertEquals(1, server.count("/token"));
        StubServer.Received exchange = server.requests("/token").get(0);
        assertNull(exchange.header("Authorization"));
        assertEquals("grant_type=authorization_code&code=c0de%2F%2B%3D&redirect_uri="
                + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8) + "&code_verifier=" + pending.codeVerifier()
                + "&client_id=" + CLIENT_ID, exchange.body());
        assertEquals("Bearer at-user-1", server.requests(PROFILE_PATH).get(0).header("Authorization"));
        assertTrue(client.tokens().actsForUser());
    }

    @Test
    void whenAConfidentialClientCompletesThenItAuthenticatesWithBasicAndSendsNoClientIdInTheBody() throws Exception {
        server.on("POST", "/token", Reply.json(200, StubServer.tokenJson("at-user-1", 3600, null)));
        AuthorizationCodeFlow flow = flow().clientSecret(Fixtures.CLIENT_SECRET).build();
        PendingAuthorization pending = flow.start();

        flow.complete(pending, callback("code", "abc", "state", pending.state(), "iss", issuer));

        StubServer.Received exchange = server.requests("/token").get(0);
        assertEquals("Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + Fixtures.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8)), exchange.header("Authorization"));
        assertFalse(exchange.body().contains("client_id="));
        assertFalse(exchange.body().contains("client_secret="));
    }

    @Test
    void whenStateDiffersByOneCharacterOrIsMissingThenNothingIsExchanged() throws Exception {
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();
        String s = pending.state();
        String other = s.substring(0, s.length() - 1) + (s.endsWith("A") ? "B" : "A");

        InvalidAuthorizationResponseException wrong = assertThrows(InvalidAuthorizationResponseException.class,
                () -> flow.complete(pending, callback("code", "abc", "state", other, "iss", issuer)));
        InvalidAuthorizationResponseException missing = assertThrows(InvalidAuthorizationResponseException.class,
                () -> flow.complete(pending, callback("code", "abc", "iss", issuer)));
        InvalidAuthorizationResponseException forgedError = assertThrows(InvalidAuthorizationResponseException.class,
                () -> flow.complete(pending, callback("error", "access_denied", "state", other, "iss", issuer)));

        assertEquals(InvalidAuthorizationResponseException.Reason.STATE_MISMATCH, wrong.reason());
        assertEquals(InvalidAuthorizationResponseException.Reason.STATE_MISMATCH, missing.reason());
        assertEquals(InvalidAuthorizationResponseException.Reason.STATE_MISMATCH, forgedError.reason());
        assertFalse(wrong.getMessage().contains(s));
        assertEquals(0, server.count("/token"));
    }

    @Test
    void whenIssIsMissingOrAnotherIssuerThenNothingIsExchanged() throws Exception {
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();

        InvalidAuthorizationResponseException missing = assertThrows(InvalidAuthorizationResponseException.class,
                () -> flow.complete(pending, callback("code", "abc", "state", pending.state())));
        InvalidAuthorizationResponseException trailingSlash = assertThrows(InvalidAuthorizationResponseException.class,
                () -> flow.complete(pending, callback("code", "abc", "state", pending.state(), "iss", issuer + "/")));
        InvalidAuthorizationResponseException errorFromElsewhere = assertThrows(InvalidAuthorizationResponseException.class,
                () -> flow.complete(pending, callback("error", "access_denied", "state", pending.state(),
                        "iss", "https://attacker.example")));

        assertEquals(InvalidAuthorizationResponseException.Reason.ISSUER_MISMATCH, missing.reason());
        assertEquals(InvalidAuthorizationResponseException.Reason.ISSUER_MISMATCH, trailingSlash.reason());
        assertEquals(InvalidAuthorizationResponseException.Reason.ISSUER_MISMATCH, errorFromElsewhere.reason());
        assertEquals(0, server.count("/token"));
    }

    @Test
    void whenTheServerDoesNotAnnounceIssThenACallbackWithoutItIsAccepted() throws Exception {
        server.on("GET", "/.well-known/oauth-authorization-server", Reply.json(200, metadata(false, "/authorize")));
        server.on("POST", "/token", Reply.json(200, StubServer.tokenJson("at-user-1", 3600, null)));
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();

        flow.complete(pending, callback("code", "abc", "state", pending.state()));

        assertEquals(1, server.count("/token"));
    }

    @Test
    void whenTheUserDeniesThenAuthorizationDeniedException() throws Exception {
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();

        AuthorizationDeniedException e = assertThrows(AuthorizationDeniedException.class, () -> flow.complete(pending,
                callback("error", "access_denied", "error_description", "The user denied the request",
                        "state", pending.state(), "iss", issuer)));

        assertEquals("access_denied", e.error());
        assertEquals(Optional.of("The user denied the request"), e.errorDescription());
        assertEquals(0, server.count("/token"));
    }

    @Test
    void whenAnotherErrorComesBackThenAuthorizationErrorExceptionWithCodeAndDescription() throws Exception {
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start("reports:write");

        AuthorizationErrorException e = assertThrows(AuthorizationErrorException.class, () -> flow.complete(pending,
                Map.of("error", List.of("invalid_scope"), "error_description", List.of("Unknown scope reports:write"),
                        "state", List.of(pending.state()), "iss", List.of(issuer))));

        assertFalse(e instanceof AuthorizationDeniedException);
        assertEquals("invalid_scope", e.error());
        assertEquals(Optional.of("Unknown scope reports:write"), e.errorDescription());
    }

    @Test
    void whenACodeIsRepeatedOrMissingThenTheCallbackIsMalformed() throws Exception {
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();

        InvalidAuthorizationResponseException repeated = assertThrows(InvalidAuthorizationResponseException.class,
                () -> flow.complete(pending, callback("code", "a", "code", "b", "state", pending.state(), "iss", issuer)));
        InvalidAuthorizationResponseException none = assertThrows(InvalidAuthorizationResponseException.class,
                () -> flow.complete(pending, callback("state", pending.state(), "iss", issuer)));

        assertEquals(InvalidAuthorizationResponseException.Reason.MALFORMED, repeated.reason());
        assertEquals(InvalidAuthorizationResponseException.Reason.MALFORMED, none.reason());
        assertEquals(0, server.count("/token"));
    }

    @Test
    void whenTheCodeIsRefusedThenTokenRequestExceptionInvalidGrantAndTheExchangeIsNotResent() throws Exception {
        server.on("POST", "/token", Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}"));
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();

        TokenRequestException e = assertThrows(TokenRequestException.class,
                () -> flow.complete(pending, callback("code", "used", "state", pending.state(), "iss", issuer)));

        assertEquals(Optional.of("invalid_grant"), e.error());
        assertFalse(e.getMessage().contains(pending.codeVerifier()));
        assertEquals(1, server.count("/token"));
    }

    @Test
    void whenTheExchangeMeets503ThenItIsNotSentAgain() throws Exception {
        server.on("POST", "/token", Reply.json(503, "{\"error\":\"temporarily_unavailable\"}"));
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();

        assertThrows(TokenRequestException.class,
                () -> flow.complete(pending, callback("code", "abc", "state", pending.state(), "iss", issuer)));

        assertEquals(1, server.count("/token"), "a code is single-use: a resend would be a replay");
    }

    @Test
    void whenTheUsersTokenExpiresThenItIsRefreshedOnceWithClientIdAndTheRotatedTokenKept() throws Exception {
        server.on("POST", "/token", (request, n) -> Reply.json(200, StubServer.tokenJson("at-user-" + n, 3600, "rt-user-" + n)));
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();
        GetBillClient client = flow.complete(pending, callback("code", "abc", "state", pending.state(), "iss", issuer));

        clock.advance(Duration.ofMinutes(59));
        client.company().getCompanyProfile();
        clock.advance(Duration.ofMinutes(59));
        client.company().getCompanyProfile();

        List<StubServer.Received> tokens = server.requests("/token");
        assertEquals(3, tokens.size());
        assertEquals("grant_type=refresh_token&refresh_token=rt-user-1&client_id=" + CLIENT_ID, tokens.get(1).body());
        assertEquals("grant_type=refresh_token&refresh_token=rt-user-2&client_id=" + CLIENT_ID, tokens.get(2).body());
        assertEquals("Bearer at-user-3", server.requests(PROFILE_PATH).get(1).header("Authorization"));
    }

    @Test
    void whenTheRefreshIsRefusedThenReauthorizationIsRequiredAndNoClientCredentialsGrantIsTried() throws Exception {
        server.on("POST", "/token", (request, n) -> n == 1
                ? Reply.json(200, StubServer.tokenJson("at-user-1", 3600, "rt-user-1"))
                : Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}"));
        AuthorizationCodeFlow flow = flow().clientSecret(Fixtures.CLIENT_SECRET).build();
        PendingAuthorization pending = flow.start();
        GetBillClient client = flow.complete(pending, callback("code", "abc", "state", pending.state(), "iss", issuer));

        clock.advance(Duration.ofMinutes(59));
        ReauthorizationRequiredException first = assertThrows(ReauthorizationRequiredException.class,
                () -> client.company().getCompanyProfile());
        ReauthorizationRequiredException second = assertThrows(ReauthorizationRequiredException.class,
                () -> client.company().getCompanyProfile());

        assertEquals(Optional.of("invalid_grant"), first.error());
        assertTrue(first.refusedByServer());
        assertFalse(second.refusedByServer(), "the spent refresh token is not presented again");
        assertEquals(2, server.count("/token"));
        server.requests("/token").forEach(r -> assertFalse(r.body().contains("client_credentials")));
        assertEquals(0, server.count(PROFILE_PATH));
    }

    @Test
    void whenNoRefreshTokenWasIssuedThenAnExpiredUserTokenRequiresReauthorizationWithoutARequest() throws Exception {
        server.on("POST", "/token", Reply.json(200, StubServer.tokenJson("at-user-1", 3600, null)));
        AuthorizationCodeFlow flow = flow().build();
        PendingAuthorization pending = flow.start();
        GetBillClient client = flow.complete(pending, callback("code", "abc", "state", pending.state(), "iss", issuer));

        clock.advance(Duration.ofHours(1));

        assertThrows(ReauthorizationRequiredException.class, () -> client.tokens().accessToken());
        assertEquals(1, server.count("/token"));
    }

    @Test
    void aPublicClientHasNoSecretAndNoClientCredentialsGrant() {
        assertThrows(IllegalArgumentException.class, () -> flow()
                .clientAuthentication(ClientAuthenticationMethod.NONE).clientSecret(Fixtures.CLIENT_SECRET).build());
        assertThrows(IllegalArgumentException.class, () -> GetBillClient.builder().baseUrl(server.baseUrl())
                .clientId(CLIENT_ID).clientAuthentication(ClientAuthenticationMethod.NONE).build());
        assertThrows(IllegalArgumentException.class, () -> io.getbill.client.token.TokenManager.builder()
                .tokenEndpoint(server.baseUrl().resolve("/token")).clientId(CLIENT_ID)
                .clientAuthentication(ClientAuthenticationMethod.NONE).build());
    }

    @Test
    void whenARedirectUriHasAFragmentThenItIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> flow().redirectUri(REDIRECT_URI + "#x"));
        assertThrows(IllegalArgumentException.class, () -> flow().redirectUri("/callback"));
    }
}
