package io.getbill.server.admin.dashboard;

import io.getbill.server.admin.session.AdminSessionStore;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * The dashboard's side of the admin session ({@link AdminSessionStore}: the same table, timeouts, role and CSRF
 * token, so a sign-out ends the session for both and a demotion takes effect at the next page).
 *
 * <p>The admin API's cookie is scoped to {@code /admin-api}; the dashboard carries the same session in a cookie of
 * the same name scoped to {@value #PATH}, with the same attributes ({@code HttpOnly; SameSite=Strict}, {@code Secure}
 * unless {@code getbill.admin.session.secure-cookie} is off). Every form of a signed-in page carries the session's
 * CSRF token in a hidden field (synchronizer token pattern); the sign-in form, which has no session yet, carries a
 * random token that must equal the one in a short-lived cookie scoped to the sign-in path (double submit), so that
 * another site cannot sign a browser in to an account of its choosing.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html">OWASP CSRF Prevention</a>
 */
@Singleton
public class DashboardSessions {

    static final String PATH = DashboardPaths.DASHBOARD;
    static final String SIGN_IN_PATH = DashboardPaths.DASHBOARD_SIGN_IN;
    static final String SIGN_IN_COOKIE = "getbill_dashboard_signin";
    private static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofHours(1);

    private final AdminSessionStore store;

    /** What the request's cookie says about its browser. */
    sealed interface Visit permits Signed, Ended, Anonymous {
    }

    /** A live session of an active user; {@code csrfToken} goes into every form of the page. */
    record Signed(AdminSessionStore.Active active, String csrfToken) implements Visit {
        boolean isAdmin() {
            return "admin".equals(active.user().role());
        }

        String companyId() {
            return active.user().companyId();
        }

        String userId() {
            return active.user().id();
        }

        @Override
        public String toString() {
            return "Signed{user=" + active.user().id() + "}";
        }
    }

    /** A cookie whose session has ended (timed out, signed out elsewhere, user removed or deactivated). */
    record Ended() implements Visit {
    }

    /** No session cookie at all. */
    record Anonymous() implements Visit {
    }

    public DashboardSessions(AdminSessionStore store) {
        this.store = store;
    }

    Visit visit(HttpRequest<?> request) {
        String token = request.getCookies().findCookie(AdminSessionStore.COOKIE).map(Cookie::getValue).orElse(null);
        if (token == null || token.isEmpty()) {
            return new Anonymous();
        }
        Optional<AdminSessionStore.Active> active = store.find(token);
        if (active.isEmpty() || !active.get().user().active()) {
            return new Ended();
        }
        return new Signed(active.get(), store.csrfToken(active.get().row()));
    }

    /** Whether {@code presented} is the session's CSRF token (constant time). */
    boolean csrfMatches(Signed signed, @Nullable String presented) {
        return store.csrfMatches(signed.active().row(), presented);
    }

    AdminSessionStore.Opened open(io.getbill.server.directory.users.CompanyUser user) {
        return store.open(user);
    }

    void close(Signed signed) {
        store.close(signed.active().row());
    }

    Cookie sessionCookie(String token) {
        return base(AdminSessionStore.COOKIE, token, PATH).maxAge(store.settings().getAbsoluteLifetime());
    }

    Cookie clearedSessionCookie() {
        return base(AdminSessionStore.COOKIE, "", PATH).maxAge(0);
    }

    /** A fresh sign-in form token: put it in the form and in {@link #signInCookie}. */
    static String newSignInToken() {
        return RandomValues.secret(256);
    }

    Cookie signInCookie(String token) {
        return base(SIGN_IN_COOKIE, token, SIGN_IN_PATH).maxAge(SIGN_IN_FORM_LIFETIME);
    }

    Cookie clearedSignInCookie() {
        return base(SIGN_IN_COOKIE, "", SIGN_IN_PATH).maxAge(0);
    }

    /** Whether the sign-in form's token equals the sign-in cookie's (constant time). */
    static boolean signInTokenMatches(HttpRequest<?> request, @Nullable String presented) {
        String expected = request.getCookies().findCookie(SIGN_IN_COOKIE).map(Cookie::getValue).orElse(null);
        if (expected == null || expected.length() != 43 || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }

    private Cookie base(String name, String value, String path) {
        return Cookie.of(name, value).path(path).httpOnly(true).sameSite(SameSite.Strict)
                .secure(store.settings().isSecureCookie());
    }
}
