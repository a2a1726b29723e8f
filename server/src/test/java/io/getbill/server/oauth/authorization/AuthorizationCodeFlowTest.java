package io.getbill.server.oauth.authorization;

import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.admin.session.AdminLoginThrottle;
import io.getbill.server.oauth.clients.ClientRegistry;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.clients.OAuthClientRepository;
import io.getbill.server.testsupport.BrowserlessAgent;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.getbill.server.testsupport.BrowserlessAgent.formFields;
import static io.getbill.server.testsupport.BrowserlessAgent.location;
import static io.getbill.server.testsupport.BrowserlessAgent.query;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization code flow over real HTTP on MariaDB, driven like a browser without JavaScript (cookies kept, no
 * redirect followed): sign-in, consent, code, token, API call; every row of the error matrix (error page vs redirect),
 * PKCE, code replay and concurrent redemption, CSRF refusals, remembered consent, public clients, withdrawal.
 */
@MicronautTest(transactional = false)
class AuthorizationCodeFlowTest extends ServerTest {

    static final String APP = "invoicing-app";
    static final String APP_SECRET = "invoicing-app-secret-0123456789-abcdefghijk";
    static final String APP_REDIRECT = "https://app.example/callback";
    static final String MOBILE = "mobile-app";
    static final String MOBILE_REDIRECT = "http://127.0.0.1/callback";
    static final String OTHER = "other-app";
    static final String OTHER_SECRET = "other-app-secret-0123456789-abcdefghijklmno";
    static final String ADMIN = "admin@acme.example";
    static final String ADMIN_PASSWORD = "acme-admin-password-1";
    static final String MEMBER = "member@acme.example";
    static final String MEMBER_PASSWORD = "acme-member-password-1";

    @Inject
    AdminLoginThrottle throttle;
    @Inject
    OAuthClientRepository clientRows;
    @Inject
    ClientRegistry registry;

    @Override
    protected Map<String, String> extraProperties() {
        return bootstrapWithAuthorizationClients();
    }

    /** The bootstrap file of these tests: the shared companies plus the clients of the flow. */
    static Map<String, String> bootstrapWithAuthorizationClients() {
        try (InputStream in = AuthorizationCodeFlowTest.class.getResourceAsStream("authorization-bootstrap.yaml")) {
            Path file = Files.createTempFile("getbill-authorization-", ".yaml");
            Files.write(file, in.readAllBytes());
            return Map.of("getbill.bootstrap-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void resetThrottle() {
        throttle.reset();
    }

    // ---------------------------------------------------------------- helpers

    /** A PKCE verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce fresh() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            return new Pkce(verifier, io.getbill.server.oauth.authorization.Pkce.s256(verifier));
        }
    }

    static String authorizeUrl(String clientId, String redirectUri, String scope, String state, Pkce pkce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", clientId);
        p.put("redirect_uri", redirectUri);
        if (scope != null) {
            p.put("scope", scope);
        }
        if (state != null) {
            p.put("state", state);
        }
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        return "/authorize?" + BrowserlessAgent.encode(p);
    }

    /** Signs {@code agent} in on the page the authorization request led to; returns the answer to the sign-in POST. */
    static HttpResponse<String> signIn(BrowserlessAgent agent, HttpResponse<String> toSignIn, String email, String password) {
        assertEquals(303, toSignIn.statusCode(), toSignIn.body());
        String signInPath = location(toSignIn);
        assertTrue(signInPath.startsWith("/signin?request="), signInPath);
        HttpResponse<String> page = agent.get(signInPath);
        assertEquals(200, page.statusCode());
        Map<String, String> form = formFields(page, "/signin");
        form.put("email", email);
        form.put("password", password);
        return agent.post("/signin", form);
    }

    /** Approves (or denies) on the consent page {@code toConsent} leads to; returns the redirect to the client. */
    static HttpResponse<String> decide(BrowserlessAgent agent, HttpResponse<String> toConsent, String decision) {
        assertEquals(303, toConsent.statusCode(), toConsent.body());
        String consentPath = location(toConsent);
        assertTrue(consentPath.startsWith("/authorize/consent?request="), consentPath);
        HttpResponse<String> page = agent.get(consentPath);
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> form = formFields(page, "/authorize/consent");
        form.put("decision", decision);
        return agent.post("/authorize/consent", form);
    }

    /** A full sign-in + approve for {@code clientId}; returns the client's redirect. */
    HttpResponse<String> approvedRedirect(BrowserlessAgent agent, String clientId, String redirectUri, String scope,
                                          String state, Pkce pkce) {
        HttpResponse<String> toSignIn = agent.get(authorizeUrl(clientId, redirectUri, scope, state, pkce));
        HttpResponse<String> toConsent = signIn(agent, toSignIn, ADMIN, ADMIN_PASSWORD);
        if (!location(toConsent).startsWith("/authorize/consent")) {
            return toConsent; // a consent remembered from an earlier test answers at once
        }
        return decide(agent, toConsent, "approve");
    }

    String codeFor(String clientId, String redirectUri, String scope, Pkce pkce) {
        HttpResponse<String> redirect = approvedRedirect(new BrowserlessAgent(base()), clientId, redirectUri, scope, "s", pkce);
        return query(location(redirect)).get("code");
    }

    Response exchange(String code, String redirectUri, String verifier) {
        List<String> pairs = new ArrayList<>(List.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri));
        if (verifier != null) {
            pairs.addAll(List.of("code_verifier", verifier));
        }
        return OAuth.postBasic(base(), "/token", APP, APP_SECRET, OAuth.form(pairs.toArray(String[]::new)));
    }

    static void assertInvalidGrant(Response response) {
        response.then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    static void assertRedirectError(HttpResponse<String> response, String redirectUri, String error, String state, String issuer) {
        assertEquals(303, response.statusCode(), response.body());
        String to = location(response);
        assertTrue(to.startsWith(redirectUri + "?"), to);
        Map<String, String> q = query(to);
        assertEquals(error, q.get("error"), to);
        assertEquals(state, q.get("state"), to);
        assertEquals(issuer, q.get("iss"), to);
        assertFalse(q.containsKey("code"), to);
    }

    static void assertErrorPage(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Location").isEmpty(), "never a redirect");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    String issuer() {
        return OAuth.given(base()).get("/.well-known/oauth-authorization-server").path("issuer");
    }

    // ---------------------------------------------------------------- the flow

    @Test
    void fullFlowSignInConsentCodeTokenThenApiCallActsForTheUsersCompany() throws Exception {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        Pkce pkce = Pkce.fresh();
        HttpResponse<String> toSignIn = agent.get(authorizeUrl(APP, APP_REDIRECT, "company:read debts:read", "xyz", pkce));
        HttpResponse<String> toConsent = signIn(agent, toSignIn, MEMBER, MEMBER_PASSWORD);
        assertTrue(toConsent.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("getbill_session=")
                && c.toLowerCase(java.util.Locale.ROOT).contains("httponly") && c.contains("SameSite=Lax") && c.contains("Path=/")
                && !c.contains("Secure")), toConsent.headers().toString());
        HttpResponse<String> consentPage = agent.get(location(toConsent));
        assertTrue(consentPage.body().contains("Invoicing App"), "the page names the client");
        assertTrue(consentPage.body().contains("Read the company profile, credits and statistics."), "scopes in plain words");
        Map<String, String> form = formFields(consentPage, "/authorize/consent");
        form.put("decision", "approve");
        HttpResponse<String> redirect = agent.post("/authorize/consent", form);
        assertEquals(303, redirect.statusCode());
        Map<String, String> answer = query(location(redirect));
        assertEquals("xyz", answer.get("state"));
        assertEquals(issuer(), answer.get("iss"));
        String code = answer.get("code");
        assertTrue(code.length() >= 43, "at least 256 bits");

        Response tokens = exchange(code, APP_REDIRECT, pkce.verifier());
        tokens.then().statusCode(200).body("token_type", equalTo("Bearer")).body("scope", equalTo("company:read debts:read"));
        assertNotNull(tokens.path("refresh_token"));
        var claims = SignedJWT.parse(tokens.path("access_token")).getJWTClaimsSet();
        assertTrue(claims.getSubject().startsWith("user:"), claims.getSubject());
        assertEquals(APP, claims.getStringClaim("client_id"));
        assertNotNull(claims.getStringClaim("fid"));
        OAuth.profile(base(), tokens.path("access_token")).then().statusCode(200).body("data.name", equalTo("Acme Recovery"));
        OAuth.given(base()).auth().preemptive().basic(APP, APP_SECRET).contentType(OAuth.FORM)
                .body(OAuth.form("token", tokens.path("access_token"))).post("/introspect")
                .then().statusCode(200).body("active", equalTo(true)).body("sub", equalTo(claims.getSubject()));
    }

    @Test
    void anonymousRequestWithAnErrorGoesToSignInFirstAndTheErrorReachesTheClientOnlyAfterSignIn() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", APP);
        p.put("redirect_uri", APP_REDIRECT);
        p.put("state", "st");
        p.put("code_challenge", Pkce.fresh().verifier());
        p.put("code_challenge_method", "plain");
        HttpResponse<String> first = agent.get("/authorize?" + BrowserlessAgent.encode(p));
        assertEquals(303, first.statusCode());
        assertTrue(location(first).startsWith("/signin?request="), "no redirect to the client before sign-in");
        HttpResponse<String> afterSignIn = signIn(agent, first, ADMIN, ADMIN_PASSWORD);
        assertRedirectError(afterSignIn, APP_REDIRECT, "invalid_request", "st", issuer());
    }

    // ---------------------------------------------------------------- error page vs redirect

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback",
            "response_type=code&client_id=nobody&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback",
            "response_type=code&client_id=disabled-app&redirect_uri=https%3A%2F%2Fdisabled.example%2Fcb",
            "response_type=code&client_id=invoicing-app",
            "response_type=code&client_id=invoicing-app&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback%2F",
            "response_type=code&client_id=invoicing-app&redirect_uri=https%3A%2F%2FAPP.example%2Fcallback",
            "response_type=code&client_id=invoicing-app&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback%3Fextra%3D1",
            "response_type=code&client_id=invoicing-app&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback%23frag",
            "response_type=code&client_id=invoicing-app&redirect_uri=https%3A%2F%2Fapp.example%3A8443%2Fcallback",
            "response_type=code&client_id=invoicing-app&redirect_uri=https%3A%2F%2Fapp.example.evil.example%2Fcallback",
            "response_type=code&client_id=invoicing-app&client_id=invoicing-app&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback",
            "response_type=code&client_id=invoicing-app&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback",
            "response_type=code&client_id=mobile-app&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fcallback",
    })
    void untrustworthyClientOrRedirectUriIsAnErrorPageNeverARedirect(String queryString) {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> response = agent.get("/authorize?" + queryString + "&code_challenge="
                + Pkce.fresh().challenge() + "&code_challenge_method=S256");
        assertErrorPage(response);
        assertPageHeaders(response);
    }

    @Test
    void everyOtherProblemRedirectsToTheClientWithErrorExactStateAndIssAfterSignIn() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        signIn(agent, agent.get(authorizeUrl(APP, APP_REDIRECT, null, "a", Pkce.fresh())), ADMIN, ADMIN_PASSWORD);
        String iss = issuer();
        String challenge = Pkce.fresh().challenge();
        String base = "/authorize?client_id=" + APP + "&redirect_uri=" + URLEncoder.encode(APP_REDIRECT, StandardCharsets.UTF_8);
        String state = "s t/ä+%&=é";
        String encodedState = URLEncoder.encode(state, StandardCharsets.UTF_8);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("&response_type=code&state=" + encodedState + "&code_challenge_method=S256", "invalid_request");
        cases.put("&response_type=code&state=" + encodedState + "&code_challenge=" + challenge + "&code_challenge_method=plain", "invalid_request");
        cases.put("&response_type=code&state=" + encodedState + "&code_challenge=" + challenge, "invalid_request");
        cases.put("&response_type=code&state=" + encodedState + "&code_challenge=" + challenge + "&code_challenge_method=S256&scope=company:read&scope=debts:read", "invalid_request");
        cases.put("&response_type=token&state=" + encodedState + "&code_challenge=" + challenge + "&code_challenge_method=S256", "unsupported_response_type");
        cases.put("&response_type=code&state=" + encodedState + "&code_challenge=" + challenge + "&code_challenge_method=S256&scope=reports:read", "invalid_scope");
        cases.put("&response_type=code&state=" + encodedState + "&code_challenge=" + challenge + "&code_challenge_method=S256&scope=debts:delete", "invalid_scope");
        cases.forEach((rest, error) -> assertRedirectError(agent.get(base + rest), APP_REDIRECT, error, state, iss));
    }

    @Test
    void clientWithoutTheGrantIsUnauthorizedClient() {
        OAuthClient row = clientRows.findById(OTHER).orElseThrow();
        clientRows.update(new OAuthClient(row.clientId(), row.companyId(), row.name(), row.secretHash(), null, null,
                "client_credentials", row.scopes(), row.readsPerHour(), row.writesPerHour(), true, row.createdAt(), null,
                row.redirectUris(), row.tokenEndpointAuthMethod()));
        registry.invalidate(OTHER);
        try {
            BrowserlessAgent agent = new BrowserlessAgent(base());
            HttpResponse<String> afterSignIn = signIn(agent, agent.get(authorizeUrl(OTHER, "https://other.example/cb", null, "u", Pkce.fresh())),
                    ADMIN, ADMIN_PASSWORD);
            assertRedirectError(afterSignIn, "https://other.example/cb", "unauthorized_client", "u", issuer());
        } finally {
            clientRows.update(row);
            registry.invalidate(OTHER);
        }
    }

    @Test
    void denyRedirectsWithAccessDeniedStateAndIss() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> toConsent = signIn(agent, agent.get(authorizeUrl(APP, APP_REDIRECT, "debts:write", "deny-me", Pkce.fresh())),
                ADMIN, ADMIN_PASSWORD);
        assertRedirectError(decide(agent, toConsent, "deny"), APP_REDIRECT, "access_denied", "deny-me", issuer());
    }

    @Test
    void wrongPasswordUnknownEmailAndInactiveUserGetTheSame401Page() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> toSignIn = agent.get(authorizeUrl(APP, APP_REDIRECT, null, null, Pkce.fresh()));
        HttpResponse<String> wrong = signIn(agent, toSignIn, ADMIN, "not-the-password");
        HttpResponse<String> unknown = signIn(agent, agent.get(authorizeUrl(APP, APP_REDIRECT, null, null, Pkce.fresh())),
                "nobody@acme.example", "whatever-password");
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertTrue(wrong.body().contains("Wrong email or password."));
        assertTrue(unknown.body().contains("Wrong email or password."));
        assertTrue(wrong.headers().allValues("Set-Cookie").isEmpty(), "no session");
    }

    // ---------------------------------------------------------------- codes and PKCE

    @Test
    void wrongOrMissingVerifierIsInvalidGrantAndRevokesNothingSoTheRightOneStillWorks() {
        Pkce pkce = Pkce.fresh();
        String code = codeFor(APP, APP_REDIRECT, "company:read", pkce);
        assertInvalidGrant(exchange(code, APP_REDIRECT, Pkce.fresh().verifier()));
        assertInvalidGrant(exchange(code, APP_REDIRECT, null));
        assertInvalidGrant(exchange(code, "https://app.example/callback?tenant=1", pkce.verifier()));
        OAuth.postBasic(base(), "/token", OTHER, OTHER_SECRET, OAuth.form("grant_type", "authorization_code", "code", code,
                "redirect_uri", APP_REDIRECT, "code_verifier", pkce.verifier())).then().statusCode(400).body("error", equalTo("invalid_grant"));
        exchange(code, APP_REDIRECT, pkce.verifier()).then().statusCode(200);
    }

    @Test
    void replayedCodeIsInvalidGrantAndRevokesEveryTokenIssuedFromIt() {
        Pkce pkce = Pkce.fresh();
        String code = codeFor(APP, APP_REDIRECT, "company:read", pkce);
        Response first = exchange(code, APP_REDIRECT, pkce.verifier());
        first.then().statusCode(200);
        String access = first.path("access_token");
        String refresh = first.path("refresh_token");
        OAuth.profile(base(), access).then().statusCode(200);
        assertInvalidGrant(exchange(code, APP_REDIRECT, pkce.verifier()));
        OAuth.profile(base(), access).then().statusCode(401);
        assertInvalidGrant(OAuth.refresh(base(), APP, APP_SECRET, refresh));
    }

    @Test
    void twoConcurrentExchangesOfOneCodeGiveExactlyOne200() throws Exception {
        Pkce pkce = Pkce.fresh();
        String code = codeFor(APP, APP_REDIRECT, "company:read", pkce);
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return exchange(code, APP_REDIRECT, pkce.verifier()).statusCode();
            }));
        }
        start.countDown();
        int ok = 0;
        for (Future<Integer> r : results) {
            int status = r.get();
            if (status == 200) {
                ok++;
            } else {
                assertEquals(400, status);
            }
        }
        pool.shutdown();
        assertEquals(1, ok);
    }

    @Test
    void codeLifetimeAboveTenMinutesIsRefused() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new AuthorizationCodes(null, null, null, java.time.Duration.ofMinutes(11)));
        assertTrue(e.getMessage().contains("code-lifetime"));
    }

    // ---------------------------------------------------------------- CSRF

    @Test
    void consentPostWithoutForeignOrReusedTokenIs403AndIssuesNoCode() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> toConsent = signIn(agent, agent.get(authorizeUrl(APP, APP_REDIRECT, "debts:read", "c", Pkce.fresh())),
                ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> page = agent.get(location(toConsent));
        Map<String, String> form = formFields(page, "/authorize/consent");
        form.put("decision", "approve");

        Map<String, String> missing = new LinkedHashMap<>(form);
        missing.remove("csrf_token");
        assertForbiddenPage(agent.post("/authorize/consent", missing));

        BrowserlessAgent intruder = new BrowserlessAgent(base());
        signIn(intruder, intruder.get(authorizeUrl(APP, APP_REDIRECT, "debts:read", "i", Pkce.fresh())), MEMBER, MEMBER_PASSWORD);
        assertForbiddenPage(intruder.post("/authorize/consent", form));

        HttpResponse<String> approved = agent.post("/authorize/consent", form);
        assertEquals(303, approved.statusCode());
        assertNotNull(query(location(approved)).get("code"));
        assertForbiddenPage(agent.post("/authorize/consent", form));
    }

    @Test
    void signInPostWithoutOrWithAReusedTokenIs403() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> toSignIn = agent.get(authorizeUrl(APP, APP_REDIRECT, null, null, Pkce.fresh()));
        HttpResponse<String> page = agent.get(location(toSignIn));
        Map<String, String> form = formFields(page, "/signin");
        form.put("email", ADMIN);
        form.put("password", ADMIN_PASSWORD);
        Map<String, String> missing = new LinkedHashMap<>(form);
        missing.remove("csrf_token");
        assertForbiddenPage(agent.post("/signin", missing));
        assertEquals(303, agent.post("/signin", form).statusCode());
        assertForbiddenPage(new BrowserlessAgent(base()).post("/signin", form));
    }

    static void assertForbiddenPage(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Location").isEmpty());
    }

    // ---------------------------------------------------------------- consent memory, public clients, withdrawal

    @Test
    void rememberedConsentSkipsThePageUnlessAScopeIsNew() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> redirect = approvedRedirect(agent, OTHER, "https://other.example/cb", "company:read", "1", Pkce.fresh());
        assertNotNull(query(location(redirect)).get("code"));
        HttpResponse<String> again = agent.get(authorizeUrl(OTHER, "https://other.example/cb", "company:read", "2", Pkce.fresh()));
        assertEquals(303, again.statusCode());
        Map<String, String> answer = query(location(again));
        assertNotNull(answer.get("code"), "no consent page the second time");
        assertEquals("2", answer.get("state"));
        HttpResponse<String> wider = agent.get(authorizeUrl(APP, APP_REDIRECT, "debts:write", "3", Pkce.fresh()));
        assertTrue(location(wider).startsWith("/authorize/consent?request="), "a new scope asks again");
    }

    @Test
    void publicClientOnLoopbackIsAskedEveryTimeExchangesWithoutSecretAndRefreshRotatesWithReuseDetection() throws Exception {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        String redirect = "http://127.0.0.1:53682/callback";
        Pkce pkce = Pkce.fresh();
        HttpResponse<String> toClient = approvedRedirect(agent, MOBILE, redirect, "company:read", "m", pkce);
        String code = query(location(toClient)).get("code");
        assertTrue(location(toClient).startsWith(redirect + "?"), "any port on the loopback literal");
        HttpResponse<String> again = agent.get(authorizeUrl(MOBILE, "http://127.0.0.1:40000/callback", "company:read", "n", Pkce.fresh()));
        assertTrue(location(again).startsWith("/authorize/consent?request="), "a public client on http is asked every time");

        OAuth.post(base(), "/token", OAuth.form("grant_type", "authorization_code", "client_id", MOBILE, "code", code,
                "redirect_uri", "http://127.0.0.1/callback", "code_verifier", pkce.verifier()))
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        Response tokens = OAuth.post(base(), "/token", OAuth.form("grant_type", "authorization_code", "client_id", MOBILE,
                "code", code, "redirect_uri", redirect, "code_verifier", pkce.verifier()));
        tokens.then().statusCode(200);
        String r1 = tokens.path("refresh_token");
        Response rotated = OAuth.post(base(), "/token", OAuth.form("grant_type", "refresh_token", "client_id", MOBILE, "refresh_token", r1));
        rotated.then().statusCode(200);
        String r2 = rotated.path("refresh_token");
        assertTrue(SignedJWT.parse(rotated.<String>path("access_token")).getJWTClaimsSet().getSubject().startsWith("user:"));
        OAuth.post(base(), "/token", OAuth.form("grant_type", "refresh_token", "client_id", MOBILE, "refresh_token", r1))
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        OAuth.post(base(), "/token", OAuth.form("grant_type", "refresh_token", "client_id", MOBILE, "refresh_token", r2))
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        OAuth.post(base(), "/token", OAuth.form("grant_type", "client_credentials", "client_id", MOBILE))
                .then().statusCode(400).body("error", equalTo("unauthorized_client"));
        OAuth.post(base(), "/token", OAuth.form("grant_type", "refresh_token", "client_id", APP, "refresh_token", r2))
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void withdrawingAConsentRevokesTheClientsTokensForThatUser() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        Pkce pkce = Pkce.fresh();
        HttpResponse<String> redirect = approvedRedirect(agent, APP, APP_REDIRECT, "company:read", "w", pkce);
        Response tokens = exchange(query(location(redirect)).get("code"), APP_REDIRECT, pkce.verifier());
        tokens.then().statusCode(200);
        HttpResponse<String> account = agent.get("/account/authorizations");
        assertEquals(200, account.statusCode());
        assertTrue(account.body().contains("Invoicing App"));
        assertPageHeaders(account);
        Map<String, String> form = formFields(account, "/account/authorizations/" + APP + "/withdraw");
        HttpResponse<String> forged = agent.post("/account/authorizations/" + APP + "/withdraw", Map.of("csrf_token", "x"));
        assertEquals(403, forged.statusCode());
        OAuth.profile(base(), tokens.path("access_token")).then().statusCode(200);
        HttpResponse<String> withdrawn = agent.post("/account/authorizations/" + APP + "/withdraw", form);
        assertEquals(303, withdrawn.statusCode());
        assertEquals("/account/authorizations", location(withdrawn));
        OAuth.profile(base(), tokens.path("access_token")).then().statusCode(401);
        assertInvalidGrant(OAuth.refresh(base(), APP, APP_SECRET, tokens.path("refresh_token")));
        assertFalse(agent.get("/account/authorizations").body().contains("Invoicing App"));
        HttpResponse<String> asksAgain = agent.get(authorizeUrl(APP, APP_REDIRECT, "company:read", "x", Pkce.fresh()));
        assertTrue(location(asksAgain).startsWith("/authorize/consent?request="));
    }

    @Test
    void signOutEndsTheSessionSoTheNextRequestAsksToSignIn() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        signIn(agent, agent.get(authorizeUrl(APP, APP_REDIRECT, null, null, Pkce.fresh())), ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> account = agent.get("/account/authorizations");
        Map<String, String> form = formFields(account, "/signout");
        HttpResponse<String> out = agent.post("/signout", form);
        assertEquals(303, out.statusCode());
        assertTrue(out.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("getbill_session=;")));
        assertEquals("/signin", location(agent.get("/account/authorizations")));
    }

    // ---------------------------------------------------------------- pages and metadata

    @Test
    void everyPageCarriesTheSecurityHeadersAndNoCors() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> toSignIn = agent.get(authorizeUrl(APP, APP_REDIRECT, null, null, Pkce.fresh()));
        assertPageHeaders(toSignIn);
        HttpResponse<String> page = agent.get(location(toSignIn));
        assertPageHeaders(page);
        assertTrue(page.body().contains("name=\"viewport\""));
        assertTrue(page.body().contains("href=\"/assets/pages.css\""));
        assertFalse(page.body().contains("<script"), "no script");
        HttpResponse<String> css = agent.get("/assets/pages.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertPageHeaders(css);
    }

    static void assertPageHeaders(HttpResponse<String> response) {
        var h = response.headers();
        assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(null));
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("default-src 'self'"), csp);
        assertFalse(csp.contains("form-action"), csp);
        assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", h.firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(h.firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void metadataAdvertisesTheAuthorizationCodeFlow() {
        OAuth.given(base()).get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("authorization_endpoint", equalTo(issuer() + "/authorize"))
                .body("response_types_supported", equalTo(List.of("code")))
                .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                .body("grant_types_supported", hasItem("authorization_code"))
                .body("token_endpoint_auth_methods_supported", hasItem("none"))
                .body("authorization_response_iss_parameter_supported", equalTo(true))
                .body("revocation_endpoint_auth_methods_supported", hasItem("client_secret_basic"))
                .body("error", nullValue());
    }
    // ---------------------------------------------------------------- registration

    @Test
    void adminApiRegistersCodeClientsUnderTheRulesAndAPublicClientGetsNoSecret() {
        var admin = io.getbill.server.testsupport.AdminSessions.login(base(), ADMIN, ADMIN_PASSWORD);
        Map<String, Object> publicWithClientCredentials = Map.of("name", "x", "grant_types", List.of("client_credentials"),
                "scopes", List.of("debts:read"), "token_endpoint_auth_method", "none");
        admin.post("/clients", publicWithClientCredentials).then().statusCode(400)
                .body("details", org.hamcrest.Matchers.hasKey("grant_types"));
        admin.post("/clients", Map.of("name", "x", "grant_types", List.of("authorization_code"), "scopes", List.of("debts:read")))
                .then().statusCode(400).body("details", org.hamcrest.Matchers.hasKey("redirect_uris"));
        for (String bad : List.of("http://app.example/cb", "https://app.example/cb#frag", "http://localhost:8080/cb",
                "/relative/cb", "custom:/cb", "https://user@app.example/cb")) {
            admin.post("/clients", Map.of("name", "x", "grant_types", List.of("authorization_code"), "scopes", List.of("debts:read"),
                    "redirect_uris", List.of(bad))).then().statusCode(400).body("details", org.hamcrest.Matchers.hasKey("redirect_uris"));
        }
        Response created = admin.post("/clients", Map.of("name", "Desktop App", "grant_types", List.of("authorization_code", "refresh_token"),
                "scopes", List.of("company:read"), "token_endpoint_auth_method", "none",
                "redirect_uris", List.of("http://[::1]/cb", "https://desktop.example/cb")));
        created.then().statusCode(201)
                .body("data.client.token_endpoint_auth_method", equalTo("none"))
                .body("data.client.redirect_uris", equalTo(List.of("http://[::1]/cb", "https://desktop.example/cb")))
                .body("data", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("client_secret")));
        String clientId = created.path("data.client.client_id");
        admin.post("/clients/" + clientId + "/rotate-secret", Map.of()).then().statusCode(400);
        HttpResponse<String> start = new BrowserlessAgent(base()).get(authorizeUrl(clientId, "https://desktop.example/cb",
                null, null, Pkce.fresh()));
        assertEquals(303, start.statusCode());
        assertTrue(location(start).startsWith("/signin?request="));
        Response confidential = admin.post("/clients", Map.of("name", "Web App", "grant_types", List.of("authorization_code", "client_credentials"),
                "scopes", List.of("company:read"), "redirect_uris", List.of("https://web.example/cb")));
        confidential.then().statusCode(201).body("data.client.token_endpoint_auth_method", equalTo("client_secret_basic"));
        assertNotNull(confidential.path("data.client_secret"));
    }
}
