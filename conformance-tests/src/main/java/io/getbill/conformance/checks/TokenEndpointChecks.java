package io.getbill.conformance.checks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Challenge;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.core.Tokens;
import io.getbill.conformance.spec.ApiOperation;
import io.getbill.conformance.spec.Features;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The token endpoint, rule by rule (RFC 6749 §2.3, §3.2, §4.4, §5.1, §5.2, §6; RFC 9068; RFC 9700 §4.14.2): both
 * client authentication methods and both at once, missing, repeated, malformed and unknown parameters, wrong content
 * type, unknown client and wrong secret (with {@code WWW-Authenticate} only when Basic was tried), grant type errors,
 * scope rules, refresh rotation and the family revoked on replay, 405 on other methods. Cache headers on every
 * response are checked by {@link io.getbill.conformance.core.OAuthCacheRecorder}.
 */
public final class TokenEndpointChecks implements CheckGroup {

    public static final String GROUP = "token";
    private static final String CC = "client_credentials";

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        Http http = ctx.http();

        // --- client authentication (RFC 6749 §2.3.1) ---
        checks.run(Check.required(GROUP, "RFC6749-2.3.1-basic-authentication", "RFC6749-2.3.1",
                "client_credentials with HTTP Basic client authentication issues a Bearer token (RFC 6749 §4.4.3, §5.1)"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret()).form(Forms.of("grant_type", CC)).send();
            successfulTokenResponse(x);
        });
        checks.run(Check.required(GROUP, "RFC6749-2.3.1-body-authentication", "RFC6749-2.3.1",
                "client_credentials with client_id and client_secret in the body issues a token"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").form(Forms.of("grant_type", CC, "client_id", full.clientId(),
                    "client_secret", full.secret())).send();
            successfulTokenResponse(x);
        });
        checks.run(Check.required(GROUP, "RFC6749-2.3-two-methods-invalid-request", "RFC6749-2.3",
                "Basic and body authentication in one request is invalid_request (400)"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret())
                    .form(Forms.of("grant_type", CC, "client_id", full.clientId(), "client_secret", full.secret())).send();
            Expect.oauthError(x, 400, "invalid_request");
        });
        checks.run(Check.required(GROUP, "RFC6749-5.2-unknown-client-basic", "RFC6749-5.2",
                "an unknown client with Basic is 401 invalid_client with WWW-Authenticate: Basic"), () -> {
            Exchange x = http.post("/token").basic("conformance-unknown-" + KitContext.randomId(8), "x".repeat(40))
                    .form(Forms.of("grant_type", CC)).send();
            Expect.oauthError(x, 401, "invalid_client");
            basicChallenge(x);
        });
        checks.run(Check.required(GROUP, "RFC6749-5.2-wrong-secret-basic", "RFC6749-5.2",
                "a wrong secret with Basic is 401 invalid_client with WWW-Authenticate: Basic realm=..."), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret() + "-wrong")
                    .form(Forms.of("grant_type", CC)).send();
            Expect.oauthError(x, 401, "invalid_client");
            basicChallenge(x);
        });
        checks.run(Check.required(GROUP, "RFC6749-5.2-wrong-secret-body", "RFC6749-5.2",
                "a wrong secret in the body is 401 invalid_client, without WWW-Authenticate (Basic was not tried)"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").form(Forms.of("grant_type", CC, "client_id", full.clientId(),
                    "client_secret", full.secret() + "-wrong")).send();
            Expect.oauthError(x, 401, "invalid_client");
            Expect.noHeader(x, "WWW-Authenticate");
        });
        checks.run(Check.required(GROUP, "RFC6749-5.2-no-client-authentication", "RFC6749-5.2",
                "a token request without client authentication is 401 invalid_client"), () -> {
            Exchange x = http.post("/token").form(Forms.of("grant_type", CC)).send();
            Expect.oauthError(x, 401, "invalid_client");
        });
        checks.run(Check.required(GROUP, "RFC6749-2.3.1-secret-without-id", "RFC6749-2.3.1",
                "client_secret in the body without client_id does not authenticate (401 invalid_client or 400 invalid_request)"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").form(Forms.of("grant_type", CC, "client_secret", full.secret())).send();
            Expect.status(x, 400, 401);
            Expect.that(List.of("invalid_client", "invalid_request").contains(x.text("/error")), "wrong error",
                    "invalid_client or invalid_request", x.text("/error"), x);
        });

        // --- request syntax (RFC 6749 §3.2) ---
        checks.run(Check.required(GROUP, "RFC6749-5.2-missing-grant-type", "RFC6749-5.2",
                "a request without grant_type is invalid_request (400)"), () -> {
            KitClient full = ctx.client(ClientProperty.atLeastScopes(1));
            Exchange x = http.post("/token").basic(full.clientId(), full.secret()).form(Forms.of("scope", full.scopes().get(0))).send();
            Expect.oauthError(x, 400, "invalid_request");
        });
        checks.run(Check.required(GROUP, "RFC6749-3.2-repeated-grant-type", "RFC6749-3.2",
                "a repeated grant_type is invalid_request (parameters MUST NOT be included more than once)"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret())
                    .form("grant_type=client_credentials&grant_type=client_credentials").send();
            Expect.oauthError(x, 400, "invalid_request");
        });
        checks.run(Check.required(GROUP, "RFC6749-3.2-repeated-scope", "RFC6749-3.2",
                "a repeated scope parameter is invalid_request"), () -> {
            KitClient full = ctx.client(ClientProperty.atLeastScopes(1));
            String scope = full.scopes().get(0);
            Exchange x = http.post("/token").basic(full.clientId(), full.secret())
                    .form("grant_type=client_credentials&scope=" + Forms.encode(scope) + "&scope=" + Forms.encode(scope)).send();
            Expect.oauthError(x, 400, "invalid_request");
        });
        checks.run(Check.required(GROUP, "RFC6749-3.2-unknown-parameter-ignored", "RFC6749-3.2",
                "an unknown parameter is ignored: the request succeeds"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret())
                    .form(Forms.of("grant_type", CC, "conformance_unknown", "whatever")).send();
            successfulTokenResponse(x);
        });
        checks.run(Check.required(GROUP, "RFC6749-3.2-json-body-invalid-request", "RFC6749-3.2",
                "a JSON body (not application/x-www-form-urlencoded) is invalid_request (400), not a framework 401/415"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret())
                    .json("{\"grant_type\":\"client_credentials\"}").send();
            Expect.oauthError(x, 400, "invalid_request");
        });
        checks.run(Check.required(GROUP, "RFC6749-3.2-malformed-form-invalid-request", "RFC6749-3.2",
                "a malformed form body (bad percent-encoding) is invalid_request (400)"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret())
                    .form("grant_type=client_credentials&scope=%ZZ").send();
            Expect.oauthError(x, 400, "invalid_request");
        });
        checks.run(Check.required(GROUP, "RFC9110-15.5.6-token-get-405", "SPEC-token-methods",
                "GET /token is 405 with Allow: POST"), () -> {
            Exchange x = http.get("/token").contract(Http.Contract.SKIP).send();
            Expect.status(x, 405);
            String allow = Expect.header(x, "Allow");
            Expect.that(Arrays.stream(allow.split(",")).map(String::trim).anyMatch("POST"::equalsIgnoreCase),
                    "Allow does not list POST", "Allow: POST", "Allow: " + allow, x);
        });

        // --- grant types (RFC 6749 §5.2) ---
        checks.run(Check.required(GROUP, "RFC6749-5.2-unsupported-grant-type", "RFC6749-5.2",
                "grant_type=password is unsupported_grant_type (400)"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret())
                    .form(Forms.of("grant_type", "password", "username", "u", "password", "p")).send();
            Expect.oauthError(x, 400, "unsupported_grant_type");
        });
        checks.run(Check.required(GROUP, "RFC6749-5.2-unauthorized-client", "RFC6749-5.2",
                "a client without the refresh_token grant asking for it is unauthorized_client (400)"), () -> {
            KitClient reader = ctx.client(ClientProperty.NO_REFRESH_TOKEN);
            Exchange x = http.post("/token").basic(reader.clientId(), reader.secret())
                    .form(Forms.of("grant_type", "refresh_token", "refresh_token", "rt-" + KitContext.randomId(32))).send();
            Expect.oauthError(x, 400, "unauthorized_client");
        });

        // --- scope (RFC 6749 §3.3) ---
        checks.run(Check.required(GROUP, "RFC6749-3.3-scope-subset-granted", "RFC6749-3.3",
                "a subset of the registered scopes is granted exactly, and echoed in scope"), () -> {
            KitClient full = ctx.client(ClientProperty.atLeastScopes(3));
            String asked = full.scopes().get(0) + " " + full.scopes().get(full.scopes().size() - 1);
            Exchange x = http.post("/token").basic(full.clientId(), full.secret()).form(Forms.of("grant_type", CC, "scope", asked)).send();
            successfulTokenResponse(x);
            Expect.that(set(x.text("/scope")).equals(set(asked)), "granted scope differs", asked, x.text("/scope"), x);
            Expect.that(set(Tokens.claims(x.text("/access_token")).getStringClaim("scope")).equals(set(asked)),
                    "the token's scope claim differs", asked, Tokens.claims(x.text("/access_token")).getStringClaim("scope"), x);
        });
        checks.run(Check.required(GROUP, "RFC6749-3.3-unknown-scope-invalid-scope", "RFC6749-3.3",
                "an unknown scope is invalid_scope (400)"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret())
                    .form(Forms.of("grant_type", CC, "scope", "conformance:unknown")).send();
            Expect.oauthError(x, 400, "invalid_scope");
        });
        checks.run(Check.required(GROUP, "RFC6749-3.3-disallowed-scope-nothing-partial", "RFC6749-3.3",
                "a registered scope plus one not registered for the client is invalid_scope: nothing is granted partially"), () -> {
            KitClient reader = ctx.client(ClientProperty.lacksOneOf(ctx.api().scopes()));
            String readerScope = reader.scopes().get(0);
            String other = ctx.api().scopes().stream().filter(s -> !reader.scopes().contains(s)).findFirst().orElseThrow();
            Exchange x = http.post("/token").basic(reader.clientId(), reader.secret())
                    .form(Forms.of("grant_type", CC, "scope", readerScope + " " + other)).send();
            Expect.oauthError(x, 400, "invalid_scope");
        });
        checks.run(Check.required(GROUP, "RFC6749-3.3-no-scope-registered-scopes", "RFC6749-3.3",
                "no scope parameter grants the client's registered scopes"), () -> {
            KitClient full = ctx.client();
            Exchange x = http.post("/token").basic(full.clientId(), full.secret()).form(Forms.of("grant_type", CC)).send();
            successfulTokenResponse(x);
            Expect.that(set(x.text("/scope")).equals(new HashSet<>(full.scopes())), "granted scope differs",
                    String.join(" ", full.scopes()), x.text("/scope"), x);
        });
        checks.run(Check.required(GROUP, "RFC6749-3.3-empty-scope-registered-scopes", "RFC6749-3.3",
                "an empty scope parameter grants the client's registered scopes"), () -> {
            KitClient reader = ctx.client(ClientProperty.atLeastScopes(1));
            Exchange x = http.post("/token").basic(reader.clientId(), reader.secret()).form("grant_type=client_credentials&scope=").send();
            successfulTokenResponse(x);
            Expect.that(set(x.text("/scope")).equals(new HashSet<>(reader.scopes())), "granted scope differs",
                    String.join(" ", reader.scopes()), x.text("/scope"), x);
        });

        // --- the access token (RFC 9068) ---
        checks.run(Check.required(GROUP, "RFC9068-2.1-access-token-header", "RFC9068-2.1",
                "the access token is a JWS with typ at+jwt, a kid and an asymmetric alg (ES256 or RS256)"), () -> {
            KitClient full = ctx.client();
            SignedJWT jwt = SignedJWT.parse(ctx.tokens().access(full, null));
            JOSEObjectType typ = jwt.getHeader().getType();
            Expect.that(typ != null && (typ.getType().equalsIgnoreCase("at+jwt") || typ.getType().equalsIgnoreCase("application/at+jwt")),
                    "wrong typ", "typ: at+jwt", "typ: " + typ);
            Expect.that(jwt.getHeader().getKeyID() != null, "no kid", "a kid", jwt.getHeader().toString());
            JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
            Expect.that(JWSAlgorithm.ES256.equals(alg) || JWSAlgorithm.RS256.equals(alg), "unexpected alg", "ES256 or RS256", String.valueOf(alg));
        });
        checks.run(Check.required(GROUP, "RFC9068-2.2-access-token-claims", "RFC9068-2.2",
                "the access token carries iss, sub = client_id, aud, exp = iat + 3600, jti, a space-separated scope string and company_id"), () -> {
            KitClient full = ctx.client();
            String token = ctx.tokens().access(full, null);
            JWTClaimsSet c = Tokens.claims(token);
            Expect.that(c.getIssuer() != null, "no iss", "iss", c.toString());
            Expect.that(full.clientId().equals(c.getSubject()) && full.clientId().equals(c.getStringClaim("client_id")),
                    "sub/client_id", "sub = client_id = " + full.clientId(), "sub=" + c.getSubject() + ", client_id=" + c.getClaim("client_id"));
            Expect.that(c.getAudience() != null && !c.getAudience().isEmpty(), "no aud", "aud", c.toString());
            Expect.that(c.getIssueTime() != null && c.getExpirationTime() != null
                            && c.getExpirationTime().getTime() - c.getIssueTime().getTime() == 3_600_000L,
                    "exp is not iat + 3600", "exp = iat + 3600", "iat=" + c.getIssueTime() + ", exp=" + c.getExpirationTime());
            Expect.that(c.getJWTID() != null, "no jti", "jti", c.toString());
            Expect.that(c.getClaim("scope") instanceof String, "scope is not a string", "scope: \"a b c\"", String.valueOf(c.getClaim("scope")));
            Expect.that(c.getClaim("company_id") != null, "no company_id", "company_id", c.toString());
        });
        checks.run(Check.required(GROUP, "RFC6749-4.4.3-no-refresh-token-without-grant", "RFC6749-4.4.3",
                "a client without the refresh_token grant gets no refresh_token"), () -> {
            KitClient reader = ctx.client(ClientProperty.NO_REFRESH_TOKEN);
            Exchange x = ctx.tokens().request(reader, null);
            successfulTokenResponse(x);
            Expect.that(x.text("/refresh_token") == null, "refresh_token issued", "no refresh_token", "a refresh_token", x);
        });
        checks.run(Check.required(GROUP, "RFC6749-6-missing-refresh-token", "RFC6749-5.2",
                "grant_type=refresh_token without refresh_token is invalid_request"), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN);
            Exchange x = http.post("/token").basic(full.clientId(), full.secret()).form(Forms.of("grant_type", "refresh_token")).send();
            Expect.oauthError(x, 400, "invalid_request");
        });
        checks.run(Check.required(GROUP, "RFC6749-6-unknown-refresh-token", "RFC6749-5.2",
                "an unknown refresh token is invalid_grant"), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN);
            Exchange x = refresh(ctx, full, "rt-conformance-" + KitContext.randomId(32), null);
            Expect.oauthError(x, 400, "invalid_grant");
        });

        // --- refresh tokens ---
        refreshChecks(ctx, checks);
    }

    private void refreshChecks(KitContext ctx, Checks checks) {
        String[] family = new String[4]; // R1, A1, R2, A2
        checks.run(Check.required(GROUP, "RFC6749-6-refresh-token-issued", "RFC6749-6",
                "a client holding the refresh_token grant gets a refresh_token with client credentials").needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN);
            Exchange x = ctx.tokens().request(full, null);
            successfulTokenResponse(x);
            family[0] = x.text("/refresh_token");
            family[1] = x.text("/access_token");
            Expect.that(family[0] != null, "no refresh_token", "a refresh_token", x.responseBody(), x);
        });
        checks.run(Check.required(GROUP, "RFC6749-6-refresh-rotates", "RFC6749-6",
                "using a refresh token returns a new access token and a new refresh token (rotation, RFC 9700 §4.14.2)").needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN);
            if (family[0] == null) {
                throw CheckSkipped.missing("a refresh token", "RFC6749-6-refresh-token-issued");
            }
            Exchange x = refresh(ctx, full, family[0], null);
            successfulTokenResponse(x);
            family[2] = x.text("/refresh_token");
            family[3] = x.text("/access_token");
            Expect.that(family[2] != null && !family[2].equals(family[0]), "not rotated", "a new refresh_token",
                    family[2] == null ? "none" : "the same one", x);
        });
        checks.run(Check.required(GROUP, "RFC9700-4.14.2-replay-invalid-grant", "RFC9700-4.14.2",
                "replaying a used refresh token is invalid_grant").needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN);
            if (family[2] == null) {
                throw CheckSkipped.missing("a rotated refresh token", "RFC6749-6-refresh-rotates");
            }
            Exchange x = refresh(ctx, full, family[0], null);
            Expect.oauthError(x, 400, "invalid_grant");
        });
        checks.run(Check.required(GROUP, "RFC9700-4.14.2-replay-revokes-family", "RFC9700-4.14.2",
                "after a replay, the family's newest refresh token is invalid_grant and its access token gets 401 invalid_token on a resource")
                .needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN);
            if (family[2] == null) {
                throw CheckSkipped.missing("a rotated refresh token", "RFC6749-6-refresh-rotates");
            }
            Exchange r = refresh(ctx, full, family[2], null);
            Expect.oauthError(r, 400, "invalid_grant");
            ApiOperation probe = BearerChecks.probeOperation(ctx);
            Exchange x = ctx.http().method(probe.method(), probe.pathWith(KitContext.randomId(20))).bearer(family[3]).send();
            Expect.status(x, 401);
            Challenge c = Expect.bearerChallenge(x);
            Expect.that("invalid_token".equals(c.param("error")), "wrong error", "error=\"invalid_token\"", x.header("WWW-Authenticate").orElse(""), x);
        });
        checks.run(Check.required(GROUP, "RFC6749-6-refresh-narrower-scope", "RFC6749-6",
                "a refresh may narrow the scope").needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN, ClientProperty.atLeastScopes(2));
            String rt = refreshTokenFor(ctx, full);
            String narrower = full.scopes().get(0);
            Exchange x = refresh(ctx, full, rt, narrower);
            successfulTokenResponse(x);
            Expect.that(set(x.text("/scope")).equals(set(narrower)), "scope", narrower, x.text("/scope"), x);
        });
        checks.run(Check.required(GROUP, "RFC6749-6-refresh-wider-scope", "RFC6749-6",
                "a refresh asking for a scope beyond the original grant is invalid_scope").needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN, ClientProperty.atLeastScopes(2));
            List<String> scopes = full.scopes();
            Exchange first = ctx.tokens().request(full, scopes.get(0));
            successfulTokenResponse(first);
            String rt = first.text("/refresh_token");
            requireFamily(rt);
            Exchange x = refresh(ctx, full, rt, scopes.get(0) + " " + scopes.get(1));
            Expect.oauthError(x, 400, "invalid_scope");
        });
        checks.run(Check.required(GROUP, "RFC6749-6-refresh-other-client-invalid-grant", "RFC6749-6",
                "a refresh token presented by another client (holding the grant) is invalid_grant").needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client(ClientProperty.REFRESH_TOKEN);
            KitClient thief = ctx.client(ClientProperty.REFRESH_TOKEN, ClientProperty.otherThan(full));
            String rt = refreshTokenFor(ctx, full);
            Exchange x = refresh(ctx, thief, rt, null);
            Expect.oauthError(x, 400, "invalid_grant");
        });
    }

    static String refreshTokenFor(KitContext ctx, KitClient client) {
        Exchange x = ctx.tokens().request(client, null);
        successfulTokenResponse(x);
        String rt = x.text("/refresh_token");
        requireFamily(rt);
        return rt;
    }

    static Exchange refresh(KitContext ctx, KitClient client, String refreshToken, String scope) {
        return ctx.http().post("/token").basic(client.clientId(), client.secret())
                .form(Forms.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", scope)).send();
    }

    private static void requireFamily(String token) {
        if (token == null) {
            throw new io.getbill.conformance.core.CheckFailure("no refresh token to work with", "a refresh_token from the token endpoint",
                    "none (see RFC6749-6-refresh-token-issued)");
        }
    }

    /** RFC 6749 §5.1: 200, JSON, access_token, token_type Bearer (case-insensitive), expires_in 3600, scope. */
    static void successfulTokenResponse(Exchange x) {
        Expect.status(x, 200);
        Expect.that(x.text("/access_token") != null, "no access_token", "access_token", x.responseBody(), x);
        Expect.that("bearer".equalsIgnoreCase(x.text("/token_type")), "token_type", "token_type Bearer", x.text("/token_type"), x);
        Expect.that(x.json().path("expires_in").asInt() == 3600, "expires_in", "expires_in 3600", x.text("/expires_in"), x);
        Expect.that(x.text("/scope") != null, "no scope", "scope (the granted scopes)", x.responseBody(), x);
    }

    private static void basicChallenge(Exchange x) {
        String value = Expect.header(x, "WWW-Authenticate");
        Challenge c = Challenge.parse(value);
        Expect.that(c != null && c.isScheme("Basic") && c.param("realm") != null, "not a Basic challenge",
                "WWW-Authenticate: Basic realm=\"...\"", value, x);
    }

    private static Set<String> set(String scope) {
        return scope == null ? Set.of() : new HashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    }
}
