package io.getbill.server.admin.session;

import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.directory.users.CompanyUserRepository;
import io.getbill.server.infrastructure.config.AdjustableClock;
import io.getbill.server.infrastructure.config.AdjustableClockFactory;
import io.getbill.server.infrastructure.crypto.PasswordHasher;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.testsupport.AdminSessions;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.getbill.server.testsupport.AdminSessions.ACME_ADMIN;
import static io.getbill.server.testsupport.AdminSessions.ACME_ADMIN_PASSWORD;
import static io.getbill.server.testsupport.AdminSessions.ACME_MEMBER;
import static io.getbill.server.testsupport.AdminSessions.ACME_MEMBER_PASSWORD;
import static io.getbill.server.testsupport.AdminSessions.BETA_ADMIN;
import static io.getbill.server.testsupport.AdminSessions.BETA_ADMIN_PASSWORD;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API's sessions over real HTTP on MariaDB: sign-in, cookie attributes, throttling, the central checks
 * (401 without a session, 403 for a member's role, 403 without the CSRF token) on every admin path, expiry, sign-out,
 * and the separation of admin sessions from partner bearer tokens. Throttle limits are low here (3 per email, 5 per
 * address, 10 s window).
 */
@MicronautTest(transactional = false)
class AdminSessionTest extends ServerTest {

    @Inject
    AdminLoginThrottle throttle;
    @Inject
    AdminSessionRepository sessions;
    @Inject
    CompanyUserRepository users;
    @Inject
    PasswordHasher passwords;
    @Inject
    AdminSessionStore store;
    @Inject
    AdjustableClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("getbill.test.admin-probe", "true", AdjustableClockFactory.PROPERTY, "true",
                "getbill.admin.login-throttle.failures-per-email", "3",
                "getbill.admin.login-throttle.failures-per-address", "5",
                "getbill.admin.login-throttle.window", "10s");
    }

    @BeforeEach
    void reset() {
        throttle.reset();
    }

    private AdminSessions.Session admin() {
        return AdminSessions.login(base(), ACME_ADMIN, ACME_ADMIN_PASSWORD);
    }

    private AdminSessions.Session member() {
        return AdminSessions.login(base(), ACME_MEMBER, ACME_MEMBER_PASSWORD);
    }

    private static void assertEnvelope(Response response, int status) {
        response.then().statusCode(status)
                .contentType("application/json")
                .body("error", equalTo(true))
                .body("code", equalTo(status))
                .header("X-Request-Id", not(emptyOrNullString()));
    }

    private static String setCookie(Response response) {
        List<String> cookies = response.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AdminSessions.COOKIE + "=")).toList();
        assertEquals(1, cookies.size(), "one session Set-Cookie: " + cookies);
        return cookies.get(0);
    }

    private static List<String> attributes(String setCookie) {
        return java.util.Arrays.stream(setCookie.split(";")).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
    }

    @Test
    void loginWithRightPasswordThenSessionCookieWithStrictAttributesAndCsrfToken() {
        Response response = AdminSessions.loginResponse(base(), ACME_ADMIN, ACME_ADMIN_PASSWORD);
        response.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("error", equalTo(false))
                .body("data.user.email", equalTo(ACME_ADMIN))
                .body("data.user.role", equalTo("admin"))
                .body("data.user.firstname", equalTo("Alice"))
                .body("data.user.company_id", not(emptyOrNullString()))
                .body("data.idle_timeout_seconds", equalTo(1800));
        String csrf = response.path("data.csrf_token");
        assertTrue(csrf.length() >= 43, "CSRF token of at least 256 bits");
        List<String> attributes = attributes(setCookie(response));
        String token = attributes.get(0).substring(AdminSessions.COOKIE.length() + 1);
        assertTrue(token.length() >= 43, "session token of at least 256 bits");
        assertTrue(attributes.contains("httponly"), attributes::toString);
        assertTrue(attributes.contains("samesite=strict"), attributes::toString);
        assertTrue(attributes.contains("path=/admin-api"), attributes::toString);
        assertTrue(attributes.contains("secure"), "Secure is the default: " + attributes);
        assertTrue(attributes.contains("max-age=43200"), attributes::toString);
        Instant expires = Instant.parse(response.path("data.expires_at"));
        assertTrue(Duration.between(clock.instant(), expires).toMinutes() >= 12 * 60 - 1);
    }

    @Test
    void loginTwiceThenDifferentSessionsAndCsrfTokens() {
        AdminSessions.Session first = admin();
        AdminSessions.Session second = admin();
        assertNotEquals(first.cookieValue(), second.cookieValue());
        assertNotEquals(first.csrfToken(), second.csrfToken());
    }

    @Test
    void loginWithWrongPasswordThenUnauthorizedWithoutCookie() {
        Response response = AdminSessions.loginResponse(base(), ACME_ADMIN, "not-the-password");
        assertEnvelope(response, 401);
        assertNull(response.getCookie(AdminSessions.COOKIE));
    }

    @Test
    void loginWithUnknownEmailThenTheSameAnswerAsAWrongPassword() {
        Response unknown = AdminSessions.loginResponse(base(), "nobody@acme.example", "not-the-password");
        Response wrong = AdminSessions.loginResponse(base(), ACME_ADMIN, "not-the-password");
        assertEnvelope(unknown, 401);
        assertEquals(wrong.path("message"), (String) unknown.path("message"));
        assertNull(unknown.getCookie(AdminSessions.COOKIE));
    }

    @Test
    void loginWithMissingPasswordOrUnknownFieldThenBadRequest() {
        assertEnvelope(Tokens.at(base()).contentType("application/json").body("{\"email\":\"admin@acme.example\"}")
                .post("/admin-api/v1/login"), 400);
        assertEnvelope(Tokens.at(base()).contentType("application/json")
                .body("{\"email\":\"admin@acme.example\",\"password\":\"x\",\"remember\":true}")
                .post("/admin-api/v1/login"), 400);
        assertEnvelope(Tokens.at(base()).contentType("application/json").body("{not json")
                .post("/admin-api/v1/login"), 400);
    }

    @Test
    void loginWithFormBodyThenUnsupportedMediaType() {
        assertEnvelope(Tokens.at(base()).contentType("application/x-www-form-urlencoded")
                .body("email=admin%40acme.example&password=acme-admin-password-1")
                .post("/admin-api/v1/login"), 415);
    }

    @Test
    void loginFailuresBeyondTheEmailLimitThenThrottledWithRetryAfterEvenForTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertEnvelope(AdminSessions.loginResponse(base(), ACME_ADMIN, "wrong-" + i), 401);
        }
        Response throttled = AdminSessions.loginResponse(base(), ACME_ADMIN, ACME_ADMIN_PASSWORD);
        assertEnvelope(throttled, 429);
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);
        // the email is throttled whatever its case; other users are not affected
        assertEnvelope(AdminSessions.loginResponse(base(), ACME_ADMIN.toUpperCase(Locale.ROOT), ACME_ADMIN_PASSWORD), 429);
        member();
        clock.advance(Duration.ofSeconds(retryAfter + 1));
        admin();
    }

    @Test
    void loginFailuresBeyondTheAddressLimitThenThrottledForEveryEmail() {
        for (int i = 0; i < 5; i++) {
            assertEnvelope(AdminSessions.loginResponse(base(), "guess-" + i + "@acme.example", "wrong"), 401);
        }
        assertEnvelope(AdminSessions.loginResponse(base(), ACME_MEMBER, ACME_MEMBER_PASSWORD), 429);
    }

    @Test
    void adminPathWithoutSessionThenUnauthorized() {
        assertEnvelope(Tokens.at(base()).get("/admin-api/v1/session"), 401);
        assertEnvelope(Tokens.at(base()).get("/admin-api/v1/probe"), 401);
        assertEnvelope(Tokens.at(base()).post("/admin-api/v1/logout"), 401);
        assertEnvelope(Tokens.at(base()).post("/admin-api/v1/probe"), 401);
    }

    @Test
    void adminPathWithUnknownOrMalformedSessionCookieThenUnauthorized() {
        assertEnvelope(Tokens.at(base()).header("Cookie", AdminSessions.COOKIE + "=" + RandomValues.secret(256))
                .get("/admin-api/v1/session"), 401);
        assertEnvelope(Tokens.at(base()).header("Cookie", AdminSessions.COOKIE + "=%00'--")
                .get("/admin-api/v1/session"), 401);
    }

    @Test
    void adminSessionThenCallerIsTheSignedInUserOfItsCompany() {
        AdminSessions.Session acme = admin();
        AdminSessions.Session beta = AdminSessions.login(base(), BETA_ADMIN, BETA_ADMIN_PASSWORD);
        acme.get("/probe").then().statusCode(200)
                .body("email", equalTo(ACME_ADMIN))
                .body("company_id", equalTo(acme.companyId()))
                .body("user_id", equalTo(acme.userId()));
        beta.get("/probe").then().statusCode(200).body("company_id", equalTo(beta.companyId()));
        assertNotEquals(acme.companyId(), beta.companyId());
    }

    @Test
    void memberSessionOnAdminOperationThenForbidden() {
        AdminSessions.Session member = member();
        assertEnvelope(member.get("/probe"), 403);
        assertEnvelope(member.post("/probe"), 403);
    }

    @Test
    void memberSessionThenSessionReadableAndLogoutAllowed() {
        AdminSessions.Session member = member();
        member.get("/session").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("data.user.role", equalTo("member"))
                .body("data.csrf_token", equalTo(member.csrfToken()));
        member.post("/logout").then().statusCode(204);
    }

    @Test
    void unsafeRequestWithoutCsrfTokenThenForbidden() {
        AdminSessions.Session admin = admin();
        assertEnvelope(admin.withCookie().contentType("application/json").post("/admin-api/v1/probe"), 403);
        assertEnvelope(admin.withCookie().contentType("application/json").post("/admin-api/v1/logout"), 403);
        // the session survived the refused logout
        admin.get("/session").then().statusCode(200);
    }

    @Test
    void unsafeRequestWithWrongOrAnotherSessionsCsrfTokenThenForbidden() {
        AdminSessions.Session admin = admin();
        AdminSessions.Session other = admin();
        assertEnvelope(admin.withCookie().contentType("application/json").header(AdminSessions.CSRF_HEADER, "wrong").post("/admin-api/v1/probe"), 403);
        assertEnvelope(admin.withCookie().contentType("application/json").header(AdminSessions.CSRF_HEADER, other.csrfToken()).post("/admin-api/v1/probe"), 403);
        assertEnvelope(admin.withCookie().contentType("application/json").header(AdminSessions.CSRF_HEADER, "").post("/admin-api/v1/probe"), 403);
        admin.post("/probe").then().statusCode(200).body("email", equalTo(ACME_ADMIN));
    }

    @Test
    void safeRequestWithoutCsrfTokenThenAllowed() {
        admin().get("/probe").then().statusCode(200);
    }

    @Test
    void sessionIdleLongerThanTheIdleTimeoutThenUnauthorizedAndDeleted() {
        AdminSessions.Session admin = admin();
        AdminSessionRow row = onlySessionOf(admin);
        Instant longAgo = clock.instant().minus(Duration.ofMinutes(31)).truncatedTo(ChronoUnit.MICROS);
        sessions.update(new AdminSessionRow(row.id(), row.userId(), row.companyId(), row.csrfTokenSealed(),
                longAgo, longAgo, row.expiresAt()));
        assertEnvelope(admin.get("/session"), 401);
        assertFalse(sessions.existsById(row.id()));
    }

    @Test
    void sessionPastItsAbsoluteLifetimeThenUnauthorizedEvenIfActive() {
        AdminSessions.Session admin = admin();
        AdminSessionRow row = onlySessionOf(admin);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        sessions.update(new AdminSessionRow(row.id(), row.userId(), row.companyId(), row.csrfTokenSealed(),
                now.minus(Duration.ofHours(13)), now, now.minusSeconds(1)));
        assertEnvelope(admin.get("/probe"), 401);
    }

    @Test
    void logoutThenCookieClearedAndSessionRefusedEverywhere() {
        AdminSessions.Session admin = admin();
        Response logout = admin.post("/logout");
        logout.then().statusCode(204);
        List<String> attributes = attributes(setCookie(logout));
        assertEquals(AdminSessions.COOKIE + "=", attributes.get(0));
        assertTrue(attributes.contains("max-age=0"), attributes::toString);
        assertEnvelope(admin.get("/session"), 401);
        assertEnvelope(admin.post("/probe"), 401);
    }

    @Test
    void userDeactivatedThenSessionForbiddenAndSignInRefused() {
        String email = "temp-" + RandomValues.id().toLowerCase(Locale.ROOT).replace('_', 'x').replace('-', 'y') + "@acme.example";
        AdminSessions.Session acme = admin();
        CompanyUser user = users.save(new CompanyUser(RandomValues.id(), acme.companyId(), email,
                passwords.hashGenerated("temp-password-1"), null, null, "admin", true, clock.instant(), null));
        AdminSessions.Session temp = AdminSessions.login(base(), email, "temp-password-1");
        temp.get("/probe").then().statusCode(200);
        users.update(new CompanyUser(user.id(), user.companyId(), email, user.passwordHash(), null, null, "admin",
                false, user.createdAt(), null));
        assertEnvelope(temp.get("/probe"), 403);
        assertEnvelope(temp.get("/session"), 403);
        assertEnvelope(AdminSessions.loginResponse(base(), email, "temp-password-1"), 401);
    }

    @Test
    void userDemotedToMemberThenAdminOperationsForbiddenAtOnce() {
        String email = "demoted-" + System.nanoTime() + "@acme.example";
        AdminSessions.Session acme = admin();
        CompanyUser user = users.save(new CompanyUser(RandomValues.id(), acme.companyId(), email,
                passwords.hashGenerated("temp-password-2"), null, null, "admin", true, clock.instant(), null));
        AdminSessions.Session temp = AdminSessions.login(base(), email, "temp-password-2");
        temp.get("/probe").then().statusCode(200);
        users.update(new CompanyUser(user.id(), user.companyId(), email, user.passwordHash(), null, null, "member",
                true, user.createdAt(), null));
        assertEnvelope(temp.get("/probe"), 403);
    }

    @Test
    void bearerTokenOnAdminPathThenUnauthorized() {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        assertEnvelope(Tokens.at(base()).header("Authorization", "Bearer " + token).get("/admin-api/v1/session"), 401);
        assertEnvelope(Tokens.at(base()).header("Authorization", "Bearer " + token).get("/admin-api/v1/probe"), 401);
    }

    @Test
    void adminSessionOnPartnerResourceThenUnauthorized() {
        AdminSessions.Session admin = admin();
        Response response = admin.request().get("/external-api/v1/company/profile");
        assertEnvelope(response, 401);
        assertEquals("Bearer realm=\"getbill\"", response.header("WWW-Authenticate"));
    }

    @Test
    void sessionTokenIsStoredOnlyAsAKeyedHash() {
        AdminSessions.Session admin = admin();
        AdminSessionRow row = onlySessionOf(admin);
        assertNotEquals(admin.cookieValue(), row.id());
        assertFalse(row.csrfTokenSealed().contains(admin.csrfToken()));
        assertEquals(64, row.id().length());
    }

    private AdminSessionRow onlySessionOf(AdminSessions.Session session) {
        // the user has sessions from other tests too: this one is the one whose sealed CSRF token is the session's
        return StreamSupport.stream(sessions.findAll().spliterator(), false)
                .filter(r -> r.userId().equals(session.userId()))
                .filter(r -> store.csrfMatches(r, session.csrfToken()))
                .findFirst().orElseThrow();
    }
}
