package io.getbill.conformance.checks;

import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.config.KitUser;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckFailure;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.core.UserAgent;
import io.getbill.conformance.spec.ApiOperation;
import io.getbill.conformance.spec.Features;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The authorization code grant with PKCE, run as a browser without JavaScript would run it ({@link UserAgent}):
 * the authorization endpoint the metadata announces (RFC 8414; the discovery group checks the flow's other metadata
 * members); the authorization endpoint's error page for an untrustworthy
 * client or redirect URI, never a redirect (RFC 6749 §4.1.2.1), including the redirect URI variants that exact
 * string matching refuses (RFC 9700 §2.1); after sign-in, the other errors as redirects with the exact {@code state}
 * and {@code iss}; a code redeemed once with its PKCE verifier (RFC 7636), a replay revoking the tokens of the first
 * redemption (RFC 6749 §4.1.2); deny; the pages' anti-framing and caching headers (RFC 6749 §10.13); the forms'
 * anti-forgery tokens (RFC 6749 §10.12); a remembered consent.
 *
 * <p>The kit signs in on the deployment's sign-in page with a user of the config file ({@code companies[].users[]},
 * of the client's company when there is one) and runs as a client of the file holding the {@code authorization_code}
 * grant, an {@code https} redirect URI on a host name and the scope of the probe operation; without them, the checks
 * that need them are skipped, naming what is missing. The client's redirect URI is never visited: each answer's
 * {@code Location} is read. Before each consent it needs to see, the kit withdraws the user's consent to that client
 * ({@code /account/authorizations}), and at the end it withdraws it again and signs out, so that a run leaves no
 * consent and no session behind.
 */
public final class AuthorizationCodeChecks implements CheckGroup {

    public static final String GROUP = "authorization-code";
    static final String METADATA = "/.well-known/oauth-authorization-server";
    static final String AUTHORIZE = "/authorize";
    static final String SIGN_IN = "/signin";
    static final String CONSENT = "/authorize/consent";
    static final String ACCOUNT = "/account/authorizations";
    static final String SIGN_OUT = "/signout";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The signed-in browser the group's checks share (one sign-in per run); {@code null} until a check needs it. */
    private UserAgent session;
    private Flow sessionFlow;

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public String heading() {
        return "authorization code with PKCE";
    }

    /** A PKCE verifier and its S256 challenge (RFC 7636 §4.1, §4.2). */
    record Pkce(String verifier, String challenge) {
        static Pkce fresh() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What a flow runs as: the client, its redirect URI, the scope asked for, the user who signs in. */
    record Flow(KitClient client, String redirectUri, String scope, KitUser user, ApiOperation probe) {
    }

    /**
     * A {@code state} with characters that must be percent-encoded (space, {@code / + % & = # ?}, non-ASCII), unique
     * per use: the client gets it back byte for byte or cannot bind the answer to its request (RFC 6749 §4.1.2).
     */
    static String state(String tag) {
        return "kit/" + tag + " " + KitContext.randomId(6) + " ä+%&=é#?~";
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        try {
            runChecks(ctx, checks);
        } finally {
            if (session != null) {
                try {
                    withdraw(session, sessionFlow.client());
                    Exchange account = session.get(ACCOUNT);
                    session.post(SIGN_OUT, UserAgent.formFields(account, SIGN_OUT));
                } catch (RuntimeException e) {
                    // clean-up only: the checks have reported
                }
            }
        }
    }

    private void runChecks(KitContext ctx, Checks checks) {
        // ---------------------------------------------------------------- metadata (the discovery group checks the
        // other members of the flow: response_types_supported, code_challenge_methods_supported, the grant, iss)
        checks.run(check("RFC8414-2-authorization-endpoint", "RFC8414-2",
                "the metadata names the authorization endpoint: an absolute URL whose path is the contract's /authorize"), () -> {
            Exchange x = metadata(ctx);
            String endpoint = x.text("/authorization_endpoint");
            Expect.that(endpoint != null, "no authorization_endpoint", "authorization_endpoint", x.responseBody(), x);
            URI uri = URI.create(endpoint);
            Expect.that(uri.isAbsolute() && uri.getRawQuery() == null && uri.getRawFragment() == null
                            && AUTHORIZE.equals(uri.getRawPath().substring(Math.max(0, uri.getRawPath().length() - AUTHORIZE.length()))),
                    "authorization_endpoint is not an absolute URL ending in " + AUTHORIZE,
                    "https://<host>[/<base>]" + AUTHORIZE + " (RFC 6749 §3.1: no fragment)", endpoint, x);
        });

        // ---------------------------------------------------------------- error page, never a redirect
        checks.run(check("RFC6749-4.1.2.1-unknown-client-error-page", "RFC6749-4.1.2.1",
                "an unknown client_id is answered with an HTML error page (400), never a redirect"), () -> {
            Map<String, String> p = valid(null, "https://conformance.invalid/callback", null, state("unknown-client"), Pkce.fresh());
            p.put("client_id", ctx.mark() + "-unknown-client");
            errorPage(new UserAgent(ctx.http()).get(authorizeUrl(p)));
        });
        checks.run(check("RFC6749-4.1.2.1-missing-redirect-uri-error-page", "RFC6749-4.1.2.1",
                "a request without redirect_uri is answered with an HTML error page (400), never a redirect"), () -> {
            Flow f = flow(ctx);
            Map<String, String> p = valid(f, f.redirectUri(), f.scope(), state("no-redirect"), Pkce.fresh());
            p.remove("redirect_uri");
            errorPage(new UserAgent(ctx.http()).get(authorizeUrl(p)));
        });
        variant(ctx, checks, "trailing-slash", "the registered redirect URI with a slash added to its path",
                AuthorizationCodeChecks::withTrailingSlash);
        variant(ctx, checks, "upper-case-host", "the registered redirect URI with its host in upper case",
                AuthorizationCodeChecks::withUpperCaseHost);
        variant(ctx, checks, "extra-query-parameter", "the registered redirect URI with a query parameter added",
                r -> r + (r.contains("?") ? "&" : "?") + "conformance=1");
        variant(ctx, checks, "fragment", "the registered redirect URI with a fragment (RFC 6749 §3.1.2)",
                r -> r + "#conformance");
        variant(ctx, checks, "other-port", "the registered redirect URI on another port of its (non-loopback) host",
                AuthorizationCodeChecks::withOtherPort);

        // ---------------------------------------------------------------- errors as redirects, after sign-in
        checks.run(check("SPEC-authorize-no-error-redirect-before-sign-in", "SPEC-authorize",
                "a request with a PKCE error from a browser without session goes to the sign-in page, not to the client"), () -> {
            Flow f = flow(ctx);
            Pkce pkce = Pkce.fresh();
            Map<String, String> p = valid(f, f.redirectUri(), f.scope(), state("anonymous"), pkce);
            p.put("code_challenge", pkce.verifier());
            p.put("code_challenge_method", "plain");
            Exchange x = new UserAgent(ctx.http()).get(authorizeUrl(p));
            Expect.status(x, 302, 303);
            String to = UserAgent.location(x);
            Expect.that(to != null && local(to).startsWith(SIGN_IN), "the error went out before sign-in",
                    "a redirect to " + SIGN_IN + " (the client learns nothing before the user signs in)", String.valueOf(to), x);
        });
        redirectError(ctx, checks, "RFC7636-4.4.1-missing-pkce-invalid-request", "RFC7636-4.4.1",
                "a request without code_challenge is redirected with invalid_request, the exact state and iss",
                "invalid_request", p -> {
                    p.remove("code_challenge");
                    p.remove("code_challenge_method");
                });
        redirectError(ctx, checks, "RFC9700-2.1.1-plain-pkce-invalid-request", "RFC9700-2.1.1",
                "a request with code_challenge_method=plain is redirected with invalid_request, the exact state and iss",
                "invalid_request", p -> {
                    p.put("code_challenge", Pkce.fresh().verifier());
                    p.put("code_challenge_method", "plain");
                });
        redirectError(ctx, checks, "RFC6749-4.1.2.1-unsupported-response-type", "RFC6749-4.1.2.1",
                "response_type=token is redirected with unsupported_response_type, the exact state and iss",
                "unsupported_response_type", p -> p.put("response_type", "token"));
        redirectError(ctx, checks, "RFC6749-4.1.2.1-invalid-scope", "RFC6749-4.1.2.1",
                "an unknown scope is redirected with invalid_scope, the exact state and iss",
                "invalid_scope", p -> p.put("scope", "conformance:unknown-scope"));

        // ---------------------------------------------------------------- success
        checks.run(check("RFC6749-4.1.2-code-redirect", "RFC6749-4.1.2",
                "approving on the consent page answers 303 to the redirect URI with a code and no error"), () -> {
            Flow f = flow(ctx);
            Map<String, List<String>> q = clientRedirect(approve(ctx, f, state("code"), Pkce.fresh()), f);
            Expect.that(q.containsKey("code") && !q.get("code").get(0).isEmpty() && !q.containsKey("error"),
                    "no code in the redirect", "code=...", String.valueOf(q.keySet()));
        });
        checks.run(check("RFC6749-4.1.2-state-byte-for-byte", "RFC6749-4.1.2",
                "the redirect with the code carries the request's state byte for byte (reserved and non-ASCII characters)"), () -> {
            Flow f = flow(ctx);
            String state = state("success");
            Exchange x = approve(ctx, f, state, Pkce.fresh());
            exactState(x, clientRedirect(x, f), state);
        });
        checks.run(check("RFC9207-2-iss-on-success", "RFC9207-2",
                "the redirect with the code carries iss equal to the metadata's issuer"), () -> {
            Flow f = flow(ctx);
            Exchange x = approve(ctx, f, state("iss"), Pkce.fresh());
            exactIss(ctx, x, clientRedirect(x, f));
        });
        checks.run(check("RFC6749-4.1.3-code-exchange", "RFC6749-4.1.3",
                "the code with its verifier and redirect_uri gives a Bearer access token that works on a resource"), () -> {
            Flow f = flow(ctx);
            Pkce pkce = Pkce.fresh();
            String code = code(ctx, f, pkce);
            Exchange tokens = exchange(ctx, f.client(), code, f.redirectUri(), pkce.verifier());
            TokenEndpointChecks.successfulTokenResponse(tokens);
            Exchange call = resource(ctx, f, tokens.text("/access_token"));
            Expect.that(call.status() == 200, "the access token does not work on " + f.probe(), "HTTP 200", "HTTP " + call.status(), call);
        });

        // ---------------------------------------------------------------- PKCE and codes at the token endpoint
        checks.run(check("RFC7636-4.6-wrong-verifier-invalid-grant", "RFC7636-4.6",
                "a code presented with another code_verifier is 400 invalid_grant"), () -> {
            Flow f = flow(ctx);
            String code = code(ctx, f, Pkce.fresh());
            Expect.oauthError(exchange(ctx, f.client(), code, f.redirectUri(), Pkce.fresh().verifier()), 400, "invalid_grant");
        });
        checks.run(check("RFC6749-4.1.2-code-replay-revokes-tokens", "RFC6749-4.1.2",
                "a code presented a second time is 400 invalid_grant and the tokens of its first redemption are revoked"), () -> {
            Flow f = flow(ctx);
            Pkce pkce = Pkce.fresh();
            String code = code(ctx, f, pkce);
            Exchange first = exchange(ctx, f.client(), code, f.redirectUri(), pkce.verifier());
            TokenEndpointChecks.successfulTokenResponse(first);
            String access = first.text("/access_token");
            Exchange before = resource(ctx, f, access);
            Expect.that(before.status() == 200, "the first token does not work", "HTTP 200", "HTTP " + before.status(), before);
            Expect.oauthError(exchange(ctx, f.client(), code, f.redirectUri(), pkce.verifier()), 400, "invalid_grant");
            BearerChecks.invalidToken(resource(ctx, f, access));
            String refresh = first.text("/refresh_token");
            if (refresh != null) {
                Expect.oauthError(refresh(ctx, f.client(), refresh), 400, "invalid_grant");
            }
        });
        checks.run(check("RFC6749-4.1.3-redirect-uri-mismatch-invalid-grant", "RFC6749-4.1.3",
                "a code presented with a redirect_uri other than the authorization request's is 400 invalid_grant"), () -> {
            Flow f = flow(ctx);
            Pkce pkce = Pkce.fresh();
            String code = code(ctx, f, pkce);
            String other = f.client().redirectUris().stream().filter(u -> !u.equals(f.redirectUri())).findFirst()
                    .orElse(withTrailingSlash(f.redirectUri()));
            Expect.oauthError(exchange(ctx, f.client(), code, other, pkce.verifier()), 400, "invalid_grant");
        });

        // ---------------------------------------------------------------- deny
        checks.run(check("RFC6749-4.1.2.1-access-denied", "RFC6749-4.1.2.1",
                "denying on the consent page is redirected with access_denied, the exact state and iss, and no code"), () -> {
            Flow f = flow(ctx);
            String state = state("deny");
            UserAgent agent = session(ctx);
            Exchange x = decide(agent, toConsent(agent, f, valid(f, f.redirectUri(), f.scope(), state, Pkce.fresh())), "deny");
            redirectedWithError(ctx, x, f, "access_denied", state);
        });

        // ---------------------------------------------------------------- page headers
        checks.run(check("RFC6749-10.13-signin-page-headers", "RFC6749-10.13",
                "the sign-in page forbids framing (X-Frame-Options DENY, CSP frame-ancestors 'none') and carries"
                        + " Referrer-Policy no-referrer, Cache-Control no-store and X-Content-Type-Options nosniff"), () -> {
            Flow f = flow(ctx);
            UserAgent agent = new UserAgent(ctx.http());
            Exchange start = agent.get(authorizeUrl(valid(f, f.redirectUri(), f.scope(), state("signin-page"), Pkce.fresh())));
            pageHeaders(page(agent, start, SIGN_IN));
        });
        checks.run(check("RFC6749-10.13-consent-page-headers", "RFC6749-10.13",
                "the consent page forbids framing (X-Frame-Options DENY, CSP frame-ancestors 'none') and carries"
                        + " Referrer-Policy no-referrer, Cache-Control no-store and X-Content-Type-Options nosniff"), () -> {
            Flow f = flow(ctx);
            UserAgent agent = session(ctx);
            Exchange toConsent = toConsent(agent, f, valid(f, f.redirectUri(), f.scope(), state("consent-page"), Pkce.fresh()));
            pageHeaders(page(agent, toConsent, CONSENT));
        });

        // ---------------------------------------------------------------- CSRF
        checks.run(check("RFC6749-10.12-signin-csrf-missing-403", "RFC6749-10.12",
                "the sign-in form posted without its csrf_token is 403 and opens no session"), () -> {
            Flow f = flow(ctx);
            UserAgent agent = new UserAgent(ctx.http());
            Exchange start = agent.get(authorizeUrl(valid(f, f.redirectUri(), f.scope(), state("signin-csrf"), Pkce.fresh())));
            Map<String, String> form = UserAgent.formFields(page(agent, start, SIGN_IN), SIGN_IN);
            form.remove("csrf_token");
            form.put("email", f.user().email());
            form.put("password", f.user().password());
            Exchange x = agent.post(SIGN_IN, form);
            refused(x);
            Expect.that(x.headers("Set-Cookie").stream().noneMatch(c -> !c.split(";", 2)[0].trim().endsWith("=")),
                    "a cookie was set by the refused sign-in", "no session cookie", String.join(" | ", x.headers("Set-Cookie")), x);
        });
        checks.run(check("RFC6749-10.12-consent-csrf-missing-403", "RFC6749-10.12",
                "the consent form posted without its csrf_token is 403 and issues no code"), () -> {
            Flow f = flow(ctx);
            UserAgent agent = session(ctx);
            Map<String, String> form = consentForm(ctx, agent, f, "csrf-missing");
            form.remove("csrf_token");
            refused(agent.post(CONSENT, form));
        });
        checks.run(check("RFC6749-10.12-consent-csrf-foreign-403", "RFC6749-10.12",
                "the consent form posted from another session (the same user signed in elsewhere) is 403 and issues no code"), () -> {
            Flow f = flow(ctx);
            Map<String, String> form = consentForm(ctx, session(ctx), f, "csrf-foreign");
            UserAgent other = new UserAgent(ctx.http());
            signIn(other, other.get(authorizeUrl(valid(f, f.redirectUri(), f.scope(), state("other-session"), Pkce.fresh()))), f.user());
            refused(other.post(CONSENT, form));
        });
        checks.run(check("RFC6749-10.12-consent-csrf-reused-403", "RFC6749-10.12",
                "the consent form posted a second time (its token already used) is 403 and issues no second code"), () -> {
            Flow f = flow(ctx);
            UserAgent agent = session(ctx);
            Map<String, String> form = consentForm(ctx, agent, f, "csrf-reused");
            Exchange first = agent.post(CONSENT, form);
            Expect.that(clientRedirect(first, f).containsKey("code"), "the first post gave no code", "code=...",
                    String.valueOf(UserAgent.location(first)), first);
            refused(agent.post(CONSENT, form));
        });

        // ---------------------------------------------------------------- remembered consent
        checks.run(check("SPEC-consent-remembered", "SPEC-authorize",
                "after an approval, the same client asking for the same scope gets its code without the consent page"), () -> {
            Flow f = flow(ctx);
            Exchange approved = approve(ctx, f, state("remember"), Pkce.fresh());
            Expect.that(clientRedirect(approved, f).containsKey("code"), "the approval gave no code", "code=...",
                    String.valueOf(UserAgent.location(approved)), approved);
            String state = state("remembered");
            Exchange again = session(ctx).get(authorizeUrl(valid(f, f.redirectUri(), f.scope(), state, Pkce.fresh())));
            Expect.status(again, 302, 303);
            String to = UserAgent.location(again);
            Expect.that(to != null && to.startsWith(f.redirectUri()), "the consent page was shown again",
                    "a redirect to " + f.redirectUri() + " with a code", String.valueOf(to), again);
            Map<String, List<String>> q = clientRedirect(again, f);
            Expect.that(q.containsKey("code"), "no code", "code=...", to, again);
            exactState(again, q, state);
        });
    }

    // -------------------------------------------------------------------- the error-page and redirect-error families

    /** One redirect URI variant that exact matching refuses: an HTML error page, never a redirect. */
    private static void variant(KitContext ctx, Checks checks, String name, String what,
                                java.util.function.UnaryOperator<String> change) {
        checks.run(check("RFC9700-2.1-redirect-uri-" + name + "-error-page", "RFC9700-2.1",
                "a redirect_uri that is " + what + " is answered with an HTML error page (400), never a redirect"), () -> {
            Flow f = flow(ctx);
            String changed = change.apply(f.redirectUri());
            if (changed == null || f.client().redirectUris().contains(changed)) {
                throw new CheckSkipped("the client's redirect URI " + f.redirectUri() + " has no such variant that is not"
                        + " itself registered");
            }
            Map<String, String> p = valid(f, changed, f.scope(), state("variant"), Pkce.fresh());
            errorPage(new UserAgent(ctx.http()).get(authorizeUrl(p)));
        });
    }

    private interface Change {
        void apply(Map<String, String> parameters);
    }

    /** A request with one problem, from a signed-in browser: a redirect to the client with {@code error}. */
    private void redirectError(KitContext ctx, Checks checks, String id, String requirement, String description,
                               String error, Change change) {
        checks.run(check(id, requirement, description), () -> {
            Flow f = flow(ctx);
            String state = state(error);
            UserAgent agent = session(ctx);
            Map<String, String> p = valid(f, f.redirectUri(), f.scope(), state, Pkce.fresh());
            change.apply(p);
            redirectedWithError(ctx, agent.get(authorizeUrl(p)), f, error, state);
        });
    }

    private static void redirectedWithError(KitContext ctx, Exchange x, Flow f, String error, String state) {
        Map<String, List<String>> q = clientRedirect(x, f);
        String actual = first(q, "error");
        Expect.that(error.equals(actual), "wrong error", "error=" + error, actual == null ? "no error parameter in "
                + UserAgent.location(x) : "error=" + actual, x);
        Expect.that(!q.containsKey("code"), "a code came with the error", "no code", UserAgent.location(x), x);
        exactState(x, q, state);
        exactIss(ctx, x, q);
    }

    private static void errorPage(Exchange x) {
        Expect.that(x.status() == 400, "not the error page", "HTTP 400 with an HTML page, no Location (RFC 6749 §4.1.2.1:"
                + " the redirect URI cannot be trusted)", "HTTP " + x.status() + x.header("Location").map(l -> ", Location: " + l)
                .orElse(""), x);
        Expect.noHeader(x, "Location");
        String type = x.contentType();
        Expect.that(type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html"), "the error page is not HTML",
                "Content-Type: text/html", String.valueOf(type), x);
    }

    private static void exactState(Exchange x, Map<String, List<String>> q, String state) {
        List<String> states = q.getOrDefault("state", List.of());
        Expect.that(states.size() == 1 && states.get(0).equals(state), "state not returned byte for byte",
                "state=" + Forms.encode(state) + " (decoded: " + state + ")", states.isEmpty() ? "no state in "
                        + UserAgent.location(x) : "state " + states, x);
    }

    private static void exactIss(KitContext ctx, Exchange x, Map<String, List<String>> q) {
        String issuer = metadata(ctx).text("/issuer");
        List<String> iss = q.getOrDefault("iss", List.of());
        Expect.that(iss.size() == 1 && iss.get(0).equals(issuer), "iss not the issuer (RFC 9207 §2)", "iss=" + issuer,
                iss.isEmpty() ? "no iss in " + UserAgent.location(x) : "iss " + iss, x);
    }

    private static void refused(Exchange x) {
        Expect.status(x, 403);
        String to = UserAgent.location(x);
        Expect.that(to == null, "a refused form redirected", "no Location", String.valueOf(to), x);
        String body = x.responseBody() == null ? "" : x.responseBody();
        Expect.that(!body.contains("code="), "the refusal carries a code", "no code", "a body containing code=", x);
    }

    private static void pageHeaders(Exchange page) {
        Expect.headerEquals(page, "X-Frame-Options", "DENY");
        String csp = Expect.header(page, "Content-Security-Policy");
        Expect.that(csp.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").contains("frame-ancestors 'none'"),
                "the CSP allows framing", "Content-Security-Policy: ...; frame-ancestors 'none'", csp, page);
        Expect.headerEquals(page, "Referrer-Policy", "no-referrer");
        String cc = Expect.header(page, "Cache-Control");
        Expect.that(java.util.Arrays.stream(cc.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).anyMatch("no-store"::equals),
                "the page may be cached", "Cache-Control: no-store", cc, page);
        Expect.headerEquals(page, "X-Content-Type-Options", "nosniff");
    }

    // -------------------------------------------------------------------- the flow's steps

    private static Check check(String id, String requirement, String description) {
        return Check.required(GROUP, id, requirement, description).needs(Features.AUTHORIZATION_CODE);
    }

    /** The client, redirect URI, scope and user of a flow; skips the check when the config lacks them. */
    private static Flow flow(KitContext ctx) {
        ApiOperation probe = BearerChecks.probeOperation(ctx);
        KitClient client = ctx.codeClient(ClientProperty.HTTPS_REDIRECT_URI, ClientProperty.scope(probe.scope()));
        return new Flow(client, client.httpsRedirectUri(), probe.scope(), ctx.signInUser(client), probe);
    }

    private static Exchange metadata(KitContext ctx) {
        Exchange x = ctx.http().get(METADATA).send();
        Expect.status(x, 200);
        return x;
    }

    /** A valid authorization request's parameters (RFC 6749 §4.1.1, RFC 7636 §4.3), in a mutable map. */
    private static Map<String, String> valid(Flow f, String redirectUri, String scope, String state, Pkce pkce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", f == null ? null : f.client().clientId());
        p.put("redirect_uri", redirectUri);
        if (scope != null) {
            p.put("scope", scope);
        }
        p.put("state", state);
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        return p;
    }

    private static String authorizeUrl(Map<String, String> p) {
        StringJoiner q = new StringJoiner("&");
        p.forEach((k, v) -> {
            if (v != null) {
                q.add(Forms.encode(k) + "=" + Forms.encode(v));
            }
        });
        return AUTHORIZE + "?" + q;
    }

    /** The signed-in browser the group shares; signs in (through an authorization request) the first time. */
    private UserAgent session(KitContext ctx) {
        Flow f = flow(ctx);
        if (session == null) {
            UserAgent agent = new UserAgent(ctx.http());
            signIn(agent, agent.get(authorizeUrl(valid(f, f.redirectUri(), f.scope(), state("sign-in"), Pkce.fresh()))), f.user());
            session = agent;
            sessionFlow = f;
        }
        return session;
    }

    /** Follows {@code toSignIn} to the sign-in page and posts its form with the user's email and password. */
    private static Exchange signIn(UserAgent agent, Exchange toSignIn, KitUser user) {
        Map<String, String> form = UserAgent.formFields(page(agent, toSignIn, SIGN_IN), SIGN_IN);
        form.put("email", user.email());
        form.put("password", user.password());
        Exchange x = agent.post(SIGN_IN, form);
        Expect.that(x.status() == 303, "signing in as " + user.email() + " failed", "HTTP 303 (RFC 9700 §4.12: 303 after a POST)",
                "HTTP " + x.status(), x);
        return x;
    }

    /** Follows a 303 that must lead to {@code pagePath} and gets the page (200). */
    private static Exchange page(UserAgent agent, Exchange redirect, String pagePath) {
        Expect.status(redirect, 302, 303);
        String to = UserAgent.location(redirect);
        Expect.that(to != null && local(to).startsWith(pagePath + "?"), "not sent to " + pagePath,
                "Location: " + pagePath + "?request=...", String.valueOf(to), redirect);
        Exchange page = agent.get(local(to));
        Expect.status(page, 200);
        return page;
    }

    /**
     * Withdraws the user's consent to {@code client} (a consent that does not exist is withdrawn without effect), so
     * that the next authorization request shows the consent page.
     */
    private static void withdraw(UserAgent agent, KitClient client) {
        Exchange account = agent.get(ACCOUNT);
        Expect.status(account, 200);
        String csrf = UserAgent.formFields(account, SIGN_OUT).get("csrf_token");
        Exchange x = agent.post(ACCOUNT + "/" + Forms.encode(client.clientId()) + "/withdraw",
                csrf == null ? Map.of() : Map.of("csrf_token", csrf));
        Expect.status(x, 303);
    }

    /** A fresh authorization request from the signed-in browser, which must lead to the consent page. */
    private static Exchange toConsent(UserAgent agent, Flow f, Map<String, String> request) {
        withdraw(agent, f.client());
        return agent.get(authorizeUrl(request));
    }

    private static Exchange decide(UserAgent agent, Exchange toConsent, String decision) {
        Map<String, String> form = UserAgent.formFields(page(agent, toConsent, CONSENT), CONSENT);
        form.put("decision", decision);
        return agent.post(CONSENT, form);
    }

    /** The consent page's form of a fresh request, with {@code decision=approve}. */
    private Map<String, String> consentForm(KitContext ctx, UserAgent agent, Flow f, String tag) {
        Exchange toConsent = toConsent(agent, f, valid(f, f.redirectUri(), f.scope(), state(tag), Pkce.fresh()));
        Map<String, String> form = UserAgent.formFields(page(agent, toConsent, CONSENT), CONSENT);
        form.put("decision", "approve");
        return form;
    }

    /** Sign-in (shared), consent page, approve: the redirect to the client. */
    private Exchange approve(KitContext ctx, Flow f, String state, Pkce pkce) {
        UserAgent agent = session(ctx);
        return decide(agent, toConsent(agent, f, valid(f, f.redirectUri(), f.scope(), state, pkce)), "approve");
    }

    private String code(KitContext ctx, Flow f, Pkce pkce) {
        Exchange x = approve(ctx, f, state("code"), pkce);
        String code = first(clientRedirect(x, f), "code");
        if (code == null) {
            throw new CheckFailure("no code in the redirect", "code=...", String.valueOf(UserAgent.location(x)), x);
        }
        return code;
    }

    /** The query of a 303 (or 302) to the flow's redirect URI. */
    private static Map<String, List<String>> clientRedirect(Exchange x, Flow f) {
        Expect.status(x, 302, 303);
        String to = UserAgent.location(x);
        String r = f.redirectUri();
        boolean toClient = to != null && to.startsWith(r) && (to.length() == r.length()
                || to.charAt(r.length()) == (r.contains("?") ? '&' : '?'));
        Expect.that(toClient, "not a redirect to the client's redirect URI", "Location: " + r + (r.contains("?") ? "&" : "?") + "...",
                String.valueOf(to), x);
        Map<String, List<String>> q = UserAgent.query(to);
        URI registered = URI.create(r);
        if (registered.getRawQuery() != null) {
            UserAgent.query(r).forEach((k, v) -> q.computeIfPresent(k, (key, values) -> {
                List<String> rest = new ArrayList<>(values);
                v.forEach(rest::remove);
                return rest.isEmpty() ? null : rest;
            }));
        }
        return q;
    }

    /** The token request of RFC 6749 §4.1.3, authenticated as the client registered to. */
    static Exchange exchange(KitContext ctx, KitClient client, String code, String redirectUri, String verifier) {
        return withClient(ctx.http().post("/token"), client, Forms.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "code_verifier", verifier)).send();
    }

    private static Exchange refresh(KitContext ctx, KitClient client, String refreshToken) {
        return withClient(ctx.http().post("/token"), client, Forms.of("grant_type", "refresh_token", "refresh_token", refreshToken)).send();
    }

    /** Client authentication by the client's registered method (RFC 6749 §2.3.1; a public client names itself, §3.2.1). */
    private static Http.Request withClient(Http.Request request, KitClient client, String form) {
        return switch (client.tokenEndpointAuthMethod()) {
            case KitClient.NONE -> request.form(form + "&" + Forms.of("client_id", client.clientId()));
            case KitClient.CLIENT_SECRET_POST -> request.form(form + "&" + Forms.of("client_id", client.clientId(),
                    "client_secret", client.secret()));
            default -> request.basic(client.clientId(), client.secret()).form(form);
        };
    }

    private static Exchange resource(KitContext ctx, Flow f, String accessToken) {
        return ctx.http().method(f.probe().method(), f.probe().path()).bearer(accessToken).send();
    }

    // -------------------------------------------------------------------- small helpers

    /** A Location on the deployment as a path and query (the deployment may answer with an absolute URL). */
    private static String local(String location) {
        if (location.startsWith("/")) {
            return location;
        }
        try {
            URI u = new URI(location);
            return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (Exception e) {
            return location;
        }
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> values = q.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String withTrailingSlash(String uri) {
        int end = endOfPath(uri);
        return uri.substring(0, end) + "/" + uri.substring(end);
    }

    static String withUpperCaseHost(String uri) {
        URI u = URI.create(uri);
        String host = u.getHost();
        int at = uri.indexOf(host, uri.indexOf("://") + 3);
        String upper = host.toUpperCase(Locale.ROOT);
        return upper.equals(host) ? null : uri.substring(0, at) + upper + uri.substring(at + host.length());
    }

    static String withOtherPort(String uri) {
        URI u = URI.create(uri);
        int port = u.getPort();
        int other = port == -1 ? 8443 : (port == 65535 ? port - 1 : port + 1);
        int hostStart = uri.indexOf(u.getRawAuthority(), uri.indexOf("://") + 3);
        String authority = u.getRawAuthority();
        String withPort = (port == -1 ? authority : authority.substring(0, authority.lastIndexOf(':'))) + ":" + other;
        return uri.substring(0, hostStart) + withPort + uri.substring(hostStart + authority.length());
    }

    private static int endOfPath(String uri) {
        int q = uri.indexOf('?');
        int h = uri.indexOf('#');
        int end = uri.length();
        if (q >= 0) {
            end = Math.min(end, q);
        }
        if (h >= 0) {
            end = Math.min(end, h);
        }
        return end;
    }
}
