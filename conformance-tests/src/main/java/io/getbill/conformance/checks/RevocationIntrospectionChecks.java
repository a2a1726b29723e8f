package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.ApiOperation;
import io.getbill.conformance.spec.Features;

/**
 * Token revocation (RFC 7009) and introspection (RFC 7662): client authentication required, 200 for unknown tokens,
 * another client's token refused and left valid, a revoked access token refused at once on a resource, a revoked
 * refresh token's family gone, inactive tokens answering only {@code {"active": false}}, tokens of another company
 * inactive.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2">RFC 7009 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2">RFC 7662 §2</a>
 */
public final class RevocationIntrospectionChecks implements CheckGroup {

    public static final String GROUP = "revocation";
    private static final String NEEDS = Features.AUTHORIZATION_SERVER;

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public String heading() {
        return GROUP + " and introspection";
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        ApiOperation probe = BearerChecks.probeOperation(ctx);
        // Tokens of this client are tried on the probe operation, so it holds that operation's scope.
        ClientProperty onProbe = ClientProperty.scope(probe.scope());

        checks.run(check("RFC7009-2.1-client-authentication-required", "RFC7009-2.1",
                "a revocation request without client authentication is 401 invalid_client"), () -> {
            KitClient full = ctx.client(onProbe);
            Exchange x = ctx.http().post("/revoke").form(Forms.of("token", ctx.tokens().fresh(full, null))).send();
            Expect.oauthError(x, 401, "invalid_client");
        });
        checks.run(check("RFC7009-2.1-missing-token-invalid-request", "RFC7009-2.1",
                "a revocation request without token is invalid_request (400)"), () -> {
            KitClient full = ctx.client(onProbe);
            Exchange x = ctx.http().post("/revoke").basic(full.clientId(), full.secret()).form(Forms.of("token_type_hint", "access_token")).send();
            Expect.oauthError(x, 400, "invalid_request");
        });
        checks.run(check("RFC7009-2.2-unknown-token-200", "RFC7009-2.2",
                "revoking an unknown token answers 200"), () -> {
            KitClient full = ctx.client(onProbe);
            Exchange x = ctx.http().post("/revoke").basic(full.clientId(), full.secret())
                    .form(Forms.of("token", "unknown-" + KitContext.randomId(40))).send();
            Expect.status(x, 200);
        });
        checks.run(check("RFC7009-2.1-other-client-token-refused", "RFC7009-2.1",
                "revoking another client's token is 400 invalid_grant, and the token stays valid"), () -> {
            KitClient full = ctx.client(onProbe);
            KitClient reader = ctx.findClient(ClientProperty.otherThan(full), ClientProperty.company(full.company()))
                    .orElseGet(() -> ctx.client(ClientProperty.otherThan(full)));
            String token = ctx.tokens().fresh(full, null);
            Exchange x = ctx.http().post("/revoke").basic(reader.clientId(), reader.secret()).form(Forms.of("token", token)).send();
            Expect.oauthError(x, 400, "invalid_grant");
            Exchange still = ctx.http().method(probe.method(), probe.path()).bearer(token).send();
            Expect.that(still.status() == 200, "the token no longer works", "HTTP 200 with the token", "HTTP " + still.status(), still);
        });
        checks.run(check("RFC7009-2.1-revoked-access-token-refused", "RFC7009-2.1",
                "a revoked access token is refused at once on a resource (401 invalid_token)"), () -> {
            KitClient full = ctx.client(onProbe);
            String token = ctx.tokens().fresh(full, null);
            Exchange before = ctx.http().method(probe.method(), probe.path()).bearer(token).send();
            Expect.status(before, 200);
            Expect.status(ctx.http().post("/revoke").basic(full.clientId(), full.secret())
                    .form(Forms.of("token", token, "token_type_hint", "access_token")).send(), 200);
            BearerChecks.invalidToken(ctx.http().method(probe.method(), probe.path()).bearer(token).send());
        });
        checks.run(check("RFC7009-2.1-revoked-refresh-token-family", "RFC7009-2.1",
                "revoking a refresh token revokes its family: the refresh token is invalid_grant, its access token gets 401"), () -> {
            KitClient full = ctx.client(onProbe, ClientProperty.REFRESH_TOKEN);
            Exchange issued = ctx.tokens().request(full, null);
            TokenEndpointChecks.successfulTokenResponse(issued);
            String rt = issued.text("/refresh_token");
            String at = issued.text("/access_token");
            Expect.that(rt != null, "no refresh token", "a refresh_token", issued.responseBody(), issued);
            Expect.status(ctx.http().post("/revoke").basic(full.clientId(), full.secret())
                    .form(Forms.of("token", rt, "token_type_hint", "refresh_token")).send(), 200);
            Expect.oauthError(TokenEndpointChecks.refresh(ctx, full, rt, null), 400, "invalid_grant");
            BearerChecks.invalidToken(ctx.http().method(probe.method(), probe.path()).bearer(at).send());
        });

        checks.run(check("RFC7662-2.1-client-authentication-required", "RFC7662-2.1",
                "an introspection request without client authentication is 401 invalid_client"), () -> {
            KitClient full = ctx.client(onProbe);
            Exchange x = ctx.http().post("/introspect").form(Forms.of("token", ctx.tokens().access(full, null))).send();
            Expect.oauthError(x, 401, "invalid_client");
        });
        checks.run(check("RFC7662-2.2-active-access-token", "RFC7662-2.2",
                "an active access token introspects as active with scope, client_id, token_type Bearer, exp, iat, iss and company_id"), () -> {
            KitClient full = ctx.client(onProbe);
            Exchange x = ctx.http().post("/introspect").basic(full.clientId(), full.secret())
                    .form(Forms.of("token", ctx.tokens().access(full, null), "token_type_hint", "access_token")).send();
            Expect.status(x, 200);
            JsonNode b = x.json();
            Expect.that(b.path("active").asBoolean(false), "not active", "active: true", x.responseBody(), x);
            for (String member : new String[]{"scope", "client_id", "exp", "iat", "iss", "company_id"}) {
                Expect.that(b.hasNonNull(member), "missing " + member, member, x.responseBody(), x);
            }
            Expect.that(full.clientId().equals(b.path("client_id").asText()), "client_id", full.clientId(), b.path("client_id").asText(), x);
            Expect.that("bearer".equalsIgnoreCase(b.path("token_type").asText()), "token_type", "Bearer", b.path("token_type").asText(), x);
        });
        checks.run(check("RFC7662-2.2-active-refresh-token", "RFC7662-2.2",
                "an active refresh token introspects as active with token_type refresh_token"), () -> {
            KitClient full = ctx.client(onProbe, ClientProperty.REFRESH_TOKEN);
            String rt = TokenEndpointChecks.refreshTokenFor(ctx, full);
            Exchange x = ctx.http().post("/introspect").basic(full.clientId(), full.secret())
                    .form(Forms.of("token", rt, "token_type_hint", "refresh_token")).send();
            Expect.status(x, 200);
            Expect.that(x.json().path("active").asBoolean(false) && "refresh_token".equals(x.text("/token_type")),
                    "not an active refresh token", "active: true, token_type: refresh_token", x.responseBody(), x);
        });
        checks.run(check("RFC7662-2.2-unknown-token-inactive", "RFC7662-2.2",
                "an unknown token answers only {\"active\": false}"), () -> {
            KitClient full = ctx.client(onProbe);
            Exchange x = ctx.http().post("/introspect").basic(full.clientId(), full.secret())
                    .form(Forms.of("token", "unknown-" + KitContext.randomId(40))).send();
            inactiveOnly(x);
        });
        checks.run(check("RFC7662-2.2-other-company-token-inactive", "RFC7662-2.2",
                "a token of another company answers only {\"active\": false}"), () -> {
            KitClient full = ctx.client(onProbe);
            KitClient other = ctx.client(ClientProperty.otherCompanyThan(full));
            Exchange x = ctx.http().post("/introspect").basic(other.clientId(), other.secret())
                    .form(Forms.of("token", ctx.tokens().access(full, null))).send();
            inactiveOnly(x);
        });
        checks.run(check("RFC7662-2.2-revoked-token-inactive", "RFC7662-2.2",
                "a revoked access token answers only {\"active\": false}"), () -> {
            KitClient full = ctx.client(onProbe);
            String token = ctx.tokens().fresh(full, null);
            Expect.status(ctx.http().post("/revoke").basic(full.clientId(), full.secret()).form(Forms.of("token", token)).send(), 200);
            inactiveOnly(ctx.http().post("/introspect").basic(full.clientId(), full.secret()).form(Forms.of("token", token)).send());
        });
    }

    private static Check check(String id, String requirement, String description) {
        return Check.required(GROUP, id, requirement, description).needs(NEEDS);
    }

    private static void inactiveOnly(Exchange x) {
        Expect.status(x, 200);
        JsonNode b = x.json();
        Expect.that(b.isObject() && b.size() == 1 && b.has("active") && !b.path("active").asBoolean(true),
                "not exactly {\"active\": false}", "{\"active\": false}", x.responseBody(), x);
    }
}
