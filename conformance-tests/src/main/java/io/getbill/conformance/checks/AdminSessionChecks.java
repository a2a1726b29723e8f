package io.getbill.conformance.checks;

import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitUser;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.ApiOperation;
import io.getbill.conformance.spec.Features;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The admin API's session rules ({@code adminSession} and {@code adminCsrf} schemes of the contract), derived from
 * the spec: every {@code /admin-api/v1/} operation but login refuses a request without a session (401) and a bearer
 * token (401); the session cookie is {@code HttpOnly}, {@code SameSite=Strict}, scoped to {@code /admin-api} (and
 * {@code Secure}, recommended); a {@code member} user is refused (403) outside the session and logout operations;
 * every unsafe operation refuses a missing or wrong {@code X-CSRF-Token} (403); logout ends the session.
 *
 * <p>Side effects are avoided even against a broken server: unsafe probes go only to operations with a path
 * parameter (given an id that does not exist) or a JSON body (given {@code {}}, which no create accepts), and to
 * logout. Users come from the config file's {@code companies[].users} (an admin and a member, of any company); a check
 * whose user the file lacks is skipped, naming the role.
 */
public final class AdminSessionChecks implements CheckGroup {

    public static final String GROUP = "admin";
    static final String PREFIX = "/admin-api/v1/";
    static final String LOGIN = "/admin-api/v1/login";
    static final String LOGOUT = "/admin-api/v1/logout";
    static final String SESSION = "/admin-api/v1/session";
    static final String COOKIE = "getbill_admin_session";
    static final String CSRF = "X-CSRF-Token";
    private static final Set<String> OPEN_TO_MEMBERS = Set.of(LOGOUT, SESSION);

    @Override
    public String name() {
        return GROUP;
    }

    /** A signed-in session: the cookie value and the CSRF token, and the login exchange as evidence. */
    record Session(String cookie, String csrf, Exchange login) {
        String cookieHeader() {
            return COOKIE + "=" + cookie;
        }
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        List<ApiOperation> admin = ctx.api().operations().stream()
                .filter(o -> o.path().startsWith(PREFIX) && !o.path().equals(LOGIN)).toList();

        checks.run(Check.required(GROUP, "SPEC-admin-login-required", "SPEC-adminSession",
                "every admin operation but login answers 401 in the error envelope without a session").needs(Features.ADMIN), () -> {
            for (ApiOperation op : admin) {
                Exchange x = probe(ctx, op).send();
                Expect.status(x, 401);
                Expect.envelope(x);
            }
        });
        checks.run(Check.required(GROUP, "SPEC-admin-bearer-refused", "SPEC-adminSession",
                "a partner's valid bearer token opens no admin operation (401)").needs(Features.ADMIN), () -> {
            String token = ctx.tokens().access(ctx.client(ClientProperty.atLeastScopes(1)), null);
            for (ApiOperation op : admin.stream().filter(o -> o.method().equals("GET")).toList()) {
                Exchange x = probe(ctx, op).bearer(token).send();
                Expect.status(x, 401);
            }
        });
        checks.run(Check.required(GROUP, "SPEC-admin-login-unknown-user", "SPEC-adminSession",
                "login with an unknown email answers 401 in the envelope and sets no session cookie").needs(Features.ADMIN), () -> {
            Exchange x = login(ctx, ctx.mark() + "nobody@invalid.example", "not-a-password-" + KitContext.randomId(8));
            Expect.status(x, 401);
            Expect.envelope(x);
            Expect.that(sessionCookie(x) == null, "a session cookie was set for a failed login", "no Set-Cookie " + COOKIE,
                    String.valueOf(sessionCookie(x)), x);
        });
        checks.run(Check.required(GROUP, "SPEC-admin-cookie-attributes", "SPEC-adminSession",
                "the session cookie is HttpOnly, SameSite=Strict and Path=/admin-api, the answer carries the CSRF token").needs(Features.ADMIN), () -> {
            Session s = signIn(ctx, ctx.user("admin"));
            List<String> attributes = attributes(sessionCookie(s.login()));
            for (String required : List.of("httponly", "samesite=strict", "path=/admin-api")) {
                Expect.that(attributes.contains(required), "cookie attribute missing: " + required,
                        required, String.join("; ", attributes), s.login());
            }
            logout(ctx, s);
        });
        checks.run(Check.recommended(GROUP, "SPEC-admin-cookie-secure", "SPEC-adminSession",
                "the session cookie is Secure (the default; a deployment may switch it off only on plain-HTTP test hosts)").needs(Features.ADMIN), () -> {
            Session s = signIn(ctx, ctx.user("admin"));
            Expect.that(attributes(sessionCookie(s.login())).contains("secure"), "the session cookie is not Secure",
                    "Secure", sessionCookie(s.login()).replaceFirst("=[^;]*", "=<redacted>"), s.login());
            logout(ctx, s);
        });
        checks.run(Check.required(GROUP, "SPEC-admin-member-refused", "SPEC-adminSession",
                "a member user signs in but gets 403 on every admin operation except the session and logout").needs(Features.ADMIN), () -> {
            Session s = signIn(ctx, ctx.user("member"));
            Exchange own = ctx.http().get(SESSION).header("Cookie", s.cookieHeader()).send();
            Expect.status(own, 200);
            Expect.that("member".equals(own.text("/data/user/role")), "GET /session does not say role member",
                    "data.user.role: member", own.text("/data/user/role"), own);
            for (ApiOperation op : admin) {
                if (OPEN_TO_MEMBERS.contains(op.path()) || !sideEffectFree(op)) {
                    continue;
                }
                Exchange x = probe(ctx, op).header("Cookie", s.cookieHeader()).header(CSRF, s.csrf()).send();
                Expect.status(x, 403);
                Expect.envelope(x);
            }
            logout(ctx, s);
        });
        checks.run(Check.required(GROUP, "SPEC-admin-csrf-required", "SPEC-adminCsrf",
                "every unsafe admin operation refuses a missing or wrong X-CSRF-Token with 403").needs(Features.ADMIN), () -> {
            Session s = signIn(ctx, ctx.user("admin"));
            for (ApiOperation op : admin) {
                if (op.method().equals("GET") || !sideEffectFree(op)) {
                    continue;
                }
                Exchange missing = probe(ctx, op).header("Cookie", s.cookieHeader()).send();
                Expect.status(missing, 403);
                Expect.envelope(missing);
                Exchange wrong = probe(ctx, op).header("Cookie", s.cookieHeader()).header(CSRF, "conformance-wrong-token").send();
                Expect.status(wrong, 403);
            }
            // the refused logouts did not end the session
            Expect.status(ctx.http().get(SESSION).header("Cookie", s.cookieHeader()).send(), 200);
            logout(ctx, s);
        });
        checks.run(Check.required(GROUP, "SPEC-admin-logout", "SPEC-adminSession",
                "logout answers 204, clears the cookie, and the session is refused afterwards (401)").needs(Features.ADMIN), () -> {
            Session s = signIn(ctx, ctx.user("admin"));
            Exchange out = logout(ctx, s);
            Expect.status(out, 204);
            String cleared = sessionCookie(out);
            Expect.that(cleared != null && attributes(cleared).contains("max-age=0"), "logout did not clear the cookie",
                    COOKIE + "=; Max-Age=0; ...", String.valueOf(cleared), out);
            Exchange after = ctx.http().get(SESSION).header("Cookie", s.cookieHeader()).send();
            Expect.status(after, 401);
        });
    }

    /** Logout and delete-like probes end nothing real: ids that do not exist, bodies no operation accepts. */
    private static boolean sideEffectFree(ApiOperation op) {
        return op.method().equals("GET") || op.path().equals(LOGOUT) || !op.pathParameters().isEmpty() || op.requestSchema() != null;
    }

    private static Http.Request probe(KitContext ctx, ApiOperation op) {
        Http.Request request = ctx.http().method(op.method(), op.pathWith("conformance-none-" + KitContext.randomId(6)));
        if (!op.method().equals("GET")) {
            request.json("{}");
        }
        return request;
    }

    private static Exchange login(KitContext ctx, String email, String password) {
        return ctx.http().post(LOGIN).json("{\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}").send();
    }

    private static Session signIn(KitContext ctx, KitUser user) {
        Exchange x = login(ctx, user.email(), user.password());
        Expect.status(x, 200);
        String cookie = sessionCookie(x);
        Expect.that(cookie != null, "login set no session cookie", "Set-Cookie: " + COOKIE + "=...", "absent", x);
        String value = cookie.substring(cookie.indexOf('=') + 1).split(";", 2)[0].trim();
        String csrf = x.text("/data/csrf_token");
        Expect.that(csrf != null && !csrf.isEmpty(), "login returned no csrf_token", "data.csrf_token", "absent", x);
        return new Session(value, csrf, x);
    }

    private static Exchange logout(KitContext ctx, Session s) {
        return ctx.http().post(LOGOUT).header("Cookie", s.cookieHeader()).header(CSRF, s.csrf()).json("{}").send();
    }

    /** The {@code Set-Cookie} of the session cookie, or {@code null}. */
    static String sessionCookie(Exchange x) {
        return x.headers("Set-Cookie").stream().filter(c -> c.trim().startsWith(COOKIE + "=")).findFirst().orElse(null);
    }

    static List<String> attributes(String setCookie) {
        if (setCookie == null) {
            return List.of();
        }
        return Arrays.stream(setCookie.split(";")).skip(1).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
