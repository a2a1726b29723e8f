package io.getbill.server.admin.dashboard;

import io.getbill.server.admin.session.AdminSessionRepository;
import io.getbill.server.testsupport.AdminSessions;
import io.getbill.server.testsupport.BrowserlessAgent;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.getbill.server.admin.dashboard.DashboardAgent.byId;
import static io.getbill.server.testsupport.BrowserlessAgent.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard over HTTP on MariaDB, without JavaScript: sign-in and sign-out with the admin session, session
 * expiry, the CSRF token of every form, members kept out of client management, and clients created, shown once,
 * rotated, disabled, enabled and deleted with their effect at the token endpoint.
 */
@MicronautTest(transactional = false)
class DashboardPagesTest extends ServerTest {

    @Inject
    AdminSessionRepository adminSessions;

    @Override
    protected Map<String, String> extraProperties() {
        // The JDK's cookie store sends no Secure cookie over plain http (a browser does on localhost).
        return Map.of("getbill.admin.session.secure-cookie", "false");
    }

    private DashboardAgent admin() {
        return new DashboardAgent(base()).signIn(AdminSessions.ACME_ADMIN, AdminSessions.ACME_ADMIN_PASSWORD);
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** Creates a client-credentials client through the form and returns {id, secret} read from the secret page. */
    private static String[] createClient(DashboardAgent agent, String name, String... scopes) {
        Map<String, String> form = fields("name", name, "grant.client_credentials", "on", "client_type", "confidential");
        for (String scope : scopes) {
            form.put("scope." + scope, "on");
        }
        HttpResponse<String> created = agent.post("/dashboard/clients", form);
        assertEquals(303, created.statusCode(), created.body());
        assertEquals("/dashboard/clients/secret", location(created));
        HttpResponse<String> shown = agent.get("/dashboard/clients/secret");
        assertEquals(200, shown.statusCode(), shown.body());
        DashboardHttp.assertPageHeaders(shown);
        return new String[]{byId(shown, "client-id").text(), byId(shown, "client-secret").text()};
    }

    @Test
    void withoutSessionEveryPageGoesToSignInWhichCarriesThePageHeaders() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        for (String path : List.of("/dashboard", "/dashboard/clients", "/dashboard/clients/new", "/dashboard/clients/secret")) {
            HttpResponse<String> answer = agent.get(path);
            assertEquals(303, answer.statusCode(), path);
            assertEquals("/dashboard/signin", location(answer), path);
            DashboardHttp.assertPageHeaders(answer);
        }
        HttpResponse<String> signIn = agent.get("/dashboard/signin");
        assertEquals(200, signIn.statusCode());
        DashboardHttp.assertPageHeaders(signIn);
        String cookie = signIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(DashboardSessions.SIGN_IN_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/dashboard/signin"), cookie);
    }

    @Test
    void signInSetsTheAdminSessionCookieOnTheDashboardPathAndTheHomeLinksClientManagement() {
        DashboardAgent agent = new DashboardAgent(base());
        HttpResponse<String> answer = agent.trySignIn(AdminSessions.ACME_ADMIN, AdminSessions.ACME_ADMIN_PASSWORD);
        assertEquals(303, answer.statusCode());
        String cookie = answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AdminSessions.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/dashboard"), cookie);
        HttpResponse<String> home = agent.get("/dashboard");
        assertEquals(200, home.statusCode());
        assertNotNull(byId(home, "client-management"));
        assertNull(byId(home, "contact-admin"));
        assertEquals(303, agent.get("/dashboard/signin").statusCode(), "signed in: the sign-in page goes to the dashboard");
    }

    @Test
    void wrongPasswordIsA401SignInPageAndAFormWithoutItsSignInTokenIsRefused() {
        DashboardAgent agent = new DashboardAgent(base());
        HttpResponse<String> wrong = agent.trySignIn(AdminSessions.ACME_ADMIN, "not-the-password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(AdminSessions.COOKIE + "=")));
        BrowserlessAgent fresh = new BrowserlessAgent(base());
        HttpResponse<String> forged = fresh.post("/dashboard/signin", fields("csrf_token", "x".repeat(43),
                "email", AdminSessions.ACME_ADMIN, "password", AdminSessions.ACME_ADMIN_PASSWORD));
        assertEquals(403, forged.statusCode());
        assertTrue(forged.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(AdminSessions.COOKIE + "=")));
    }

    @Test
    void aMemberSeesNoClientManagementAndReadsContactYourCompanyAdministrator() {
        DashboardAgent member = new DashboardAgent(base()).signIn(AdminSessions.ACME_MEMBER, AdminSessions.ACME_MEMBER_PASSWORD);
        HttpResponse<String> home = member.get("/dashboard");
        assertEquals(200, home.statusCode());
        assertNull(byId(home, "client-management"));
        assertNull(byId(home, "nav-clients"));
        assertTrue(byId(home, "contact-admin").text().contains("contact your company administrator"));
        for (String path : List.of("/dashboard/clients", "/dashboard/clients/new", "/dashboard/clients/acme-full/delete")) {
            HttpResponse<String> refused = member.get(path);
            assertEquals(403, refused.statusCode(), path);
            assertTrue(refused.body().contains("contact your company administrator"), path);
        }
        HttpResponse<String> post = member.post("/dashboard/clients", fields("name", "Member's", "grant.client_credentials", "on",
                "scope.debts:read", "on"));
        assertEquals(403, post.statusCode());
        assertEquals(403, member.post("/dashboard/clients/acme-reader/disable", Map.of()).statusCode());
        OAuth.clientCredentials(base(), "acme-reader", "acme-reader-secret-0123456789-abcdefghijklmn");
    }

    @Test
    void aFormWithoutTheSessionCsrfTokenOrWithAnotherSessionsChangesNothing() {
        DashboardAgent agent = admin();
        DashboardAgent other = admin();
        Map<String, String> form = fields("name", "Forged", "grant.client_credentials", "on", "scope.debts:read", "on");
        assertEquals(403, agent.http.post("/dashboard/clients", form).statusCode());
        Map<String, String> withOthers = new LinkedHashMap<>(form);
        withOthers.put("csrf_token", other.csrfToken());
        assertEquals(403, agent.http.post("/dashboard/clients", withOthers).statusCode());
        assertEquals(403, agent.http.post("/dashboard/clients/acme-partner/disable", fields("csrf_token", other.csrfToken())).statusCode());
        HttpResponse<String> list = agent.get("/dashboard/clients");
        assertFalse(list.body().contains("Forged"));
        OAuth.clientCredentials(base(), "acme-partner", "acme-partner-secret-0123456789-abcdefghijklm");
    }

    @Test
    void anEndedSessionSendsBackToSignInWithAMessage() {
        DashboardAgent agent = admin();
        String token = agent.csrfToken();
        adminSessions.deleteAll(); // the sessions end elsewhere (timeout, sign-out on another page)
        HttpResponse<String> page = agent.get("/dashboard/clients");
        assertEquals(303, page.statusCode());
        assertEquals("/dashboard/signin?ended=1", location(page));
        HttpResponse<String> post = agent.http.post("/dashboard/clients", fields("csrf_token", token, "name", "Late",
                "grant.client_credentials", "on", "scope.debts:read", "on"));
        assertEquals(303, post.statusCode());
        HttpResponse<String> signIn = agent.get("/dashboard/signin?ended=1");
        assertEquals(200, signIn.statusCode());
        assertTrue(signIn.body().contains("Your session has ended"));
    }

    @Test
    void signOutEndsTheSessionForEveryPage() {
        DashboardAgent agent = admin();
        HttpResponse<String> out = agent.post("/dashboard/signout", Map.of());
        assertEquals(303, out.statusCode());
        assertEquals("/dashboard/signin?out=1", location(out));
        assertEquals(303, agent.get("/dashboard").statusCode());
    }

    @Test
    void listShowsTheCompanysClientsOnlyWithTheirDetails() {
        DashboardAgent agent = admin();
        HttpResponse<String> list = agent.get("/dashboard/clients");
        assertEquals(200, list.statusCode());
        Document document = Jsoup.parse(list.body());
        Element row = document.getElementById("client-acme-reader");
        assertNotNull(row);
        assertTrue(row.text().contains("Acme read-only"));
        assertTrue(row.text().contains("client_credentials"));
        assertTrue(row.text().contains("debts:read"));
        assertTrue(row.text().contains("never"));
        assertTrue(document.getElementById("client-acme-disabled").text().contains("disabled"));
        assertNull(document.getElementById("client-beta-full"), "another company's client");
        assertEquals(404, agent.post("/dashboard/clients/beta-full/disable", Map.of()).statusCode());
        OAuth.clientCredentials(base(), "beta-full", "beta-full-secret-0123456789-abcdefghijklmnopq");
    }

    @Test
    void createdSecretIsShownOnceAndWorksAtTheTokenEndpoint() {
        DashboardAgent agent = admin();
        HttpResponse<String> form = agent.get("/dashboard/clients/new");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("server-to-server") || form.body().contains("Server-to-server"));
        assertNotNull(byId(form, "scope-debts-read"));
        String[] created = createClient(agent, "ERP export", "debts:read", "company:read");
        OAuth.clientCredentials(base(), created[0], created[1]).then().body("scope", org.hamcrest.Matchers.equalTo("debts:read company:read"));
        HttpResponse<String> reload = agent.get("/dashboard/clients/secret");
        assertEquals(410, reload.statusCode());
        assertFalse(reload.body().contains(created[1]));
        HttpResponse<String> list = agent.get("/dashboard/clients");
        assertTrue(list.body().contains("ERP export"));
        assertFalse(list.body().contains(created[1]), "the list never shows a secret");
        assertTrue(byId(list, "client-" + created[0]).text().contains("UTC"), "last used is shown once the client was used");
    }

    @Test
    void invalidChoicesRedisplayTheFormWithTheProblemsAndCreateNothing() {
        DashboardAgent agent = admin();
        HttpResponse<String> noScope = agent.post("/dashboard/clients", fields("name", "No scope", "grant.client_credentials", "on"));
        assertEquals(400, noScope.statusCode());
        assertTrue(byId(noScope, "problems").text().contains("scope"));
        assertEquals("No scope", byId(noScope, "name").attr("value"));
        HttpResponse<String> noRedirect = agent.post("/dashboard/clients", fields("name", "App", "grant.authorization_code", "on",
                "scope.debts:read", "on"));
        assertEquals(400, noRedirect.statusCode());
        assertTrue(byId(noRedirect, "problems").text().contains("redirect URI"));
        HttpResponse<String> publicWithCredentials = agent.post("/dashboard/clients", fields("name", "Odd", "grant.client_credentials", "on",
                "scope.debts:read", "on", "client_type", "public"));
        assertEquals(400, publicWithCredentials.statusCode());
        HttpResponse<String> list = agent.get("/dashboard/clients");
        assertFalse(list.body().contains("No scope"));
    }

    @Test
    void aPublicAuthorizationCodeClientGetsNoSecretAndItsRedirectUriIsKept() {
        DashboardAgent agent = admin();
        HttpResponse<String> created = agent.post("/dashboard/clients", fields("name", "Phone app", "grant.authorization_code", "on",
                "grant.refresh_token", "on", "scope.company:read", "on", "redirect_uris", "http://127.0.0.1/callback\n",
                "client_type", "public"));
        assertEquals(303, created.statusCode(), created.body());
        assertEquals("/dashboard/clients?done=created", location(created));
        HttpResponse<String> list = agent.get("/dashboard/clients");
        assertTrue(list.body().contains("Phone app"));
        assertTrue(list.body().contains("public client"));
    }

    @Test
    void rotateShowsTheNewSecretAndTheGracePeriodDuringWhichBothWork() {
        DashboardAgent agent = admin();
        String[] created = createClient(agent, "Rotated", "debts:read");
        HttpResponse<String> rotated = agent.post("/dashboard/clients/" + created[0] + "/rotate", Map.of());
        assertEquals(303, rotated.statusCode());
        HttpResponse<String> shown = agent.get("/dashboard/clients/secret");
        assertEquals(200, shown.statusCode());
        String secret = byId(shown, "client-secret").text();
        assertFalse(secret.equals(created[1]));
        assertTrue(byId(shown, "grace").text().contains("UTC"));
        OAuth.clientCredentials(base(), created[0], secret);
        OAuth.clientCredentials(base(), created[0], created[1]);
        assertTrue(byId(agent.get("/dashboard/clients"), "client-" + created[0]).text().contains("previous secret works until"));
    }

    @Test
    void disableRefusesTokensEnableRestoresThemAndDeleteAfterConfirmationRemovesTheClient() {
        DashboardAgent agent = admin();
        String[] created = createClient(agent, "Lifecycle", "debts:read");
        String token = OAuth.clientCredentials(base(), created[0], created[1]).path("access_token");
        assertEquals(303, agent.post("/dashboard/clients/" + created[0] + "/disable", Map.of()).statusCode());
        OAuth.postBasic(base(), "/token", created[0], created[1], OAuth.form("grant_type", "client_credentials"))
                .then().statusCode(401).body("error", org.hamcrest.Matchers.equalTo("invalid_client"));
        assertTrue(agent.get("/dashboard/clients?done=disabled").body().contains("Client disabled"));
        assertEquals(303, agent.post("/dashboard/clients/" + created[0] + "/enable", Map.of()).statusCode());
        OAuth.clientCredentials(base(), created[0], created[1]);
        HttpResponse<String> confirm = agent.get("/dashboard/clients/" + created[0] + "/delete");
        assertEquals(200, confirm.statusCode());
        assertNotNull(byId(confirm, "confirm-delete"));
        assertEquals(303, agent.post("/dashboard/clients/" + created[0] + "/delete", Map.of()).statusCode());
        assertNull(byId(agent.get("/dashboard/clients"), "client-" + created[0]));
        OAuth.postBasic(base(), "/token", created[0], created[1], OAuth.form("grant_type", "client_credentials"))
                .then().statusCode(401);
        OAuth.profile(base(), token).then().statusCode(401);
        assertEquals(404, agent.get("/dashboard/clients/" + created[0] + "/delete").statusCode());
    }
}
