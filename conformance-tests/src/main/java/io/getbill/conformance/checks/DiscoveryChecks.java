package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckFailure;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.core.Tokens;
import io.getbill.conformance.spec.Features;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Authorization server metadata (RFC 8414) and the JWKS (RFC 7517): what is advertised really works, the token's
 * {@code kid} is published and verifies it, {@code iss} is the metadata's {@code issuer}, no private key member is
 * published. Also the operational endpoints of the contract ({@code /health}, {@code /openapi.yaml},
 * {@code X-Request-Id}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
 */
public final class DiscoveryChecks implements CheckGroup {

    public static final String GROUP = "discovery";
    /** The token endpoint authentication method of public clients (RFC 8414 §2, RFC 7591 §2). */
    private static final String NONE = "none";
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        JsonNode[] metadata = new JsonNode[1];
        JsonNode[] jwks = new JsonNode[1];

        checks.run(Check.required(GROUP, "RFC8414-3-metadata-served", "RFC8414-3",
                "GET /.well-known/oauth-authorization-server answers 200 with a JSON document"), () -> {
            Exchange x = ctx.http().get("/.well-known/oauth-authorization-server").send();
            Expect.status(x, 200);
            Expect.that(x.json().isObject(), "not a JSON object", "application/json metadata", x.responseBody(), x);
            metadata[0] = x.json();
        });
        checks.run(Check.required(GROUP, "RFC8414-2-issuer-is-token-iss", "RFC8414-2",
                "the metadata's issuer equals the iss of an access token"), () -> {
            KitClient full = ctx.client();
            String issuer = require(metadata[0], "issuer");
            String iss = Tokens.claims(ctx.tokens().access(full, null)).getIssuer();
            Expect.that(issuer.equals(iss), "iss differs from the metadata's issuer", "iss = " + issuer, "iss = " + iss);
        });
        checks.run(Check.required(GROUP, "RFC8414-2-token-endpoint-works", "RFC8414-2",
                "the advertised token_endpoint issues a token"), () -> {
            KitClient full = ctx.client();
            String endpoint = require(metadata[0], "token_endpoint");
            Exchange x = ctx.http().post(endpoint).basic(full.clientId(), full.secret())
                    .form(Forms.of("grant_type", "client_credentials")).send();
            Expect.status(x, 200);
        });
        checks.run(Check.required(GROUP, "RFC8414-2-token-auth-methods-work", "RFC8414-2",
                "every token_endpoint_auth_methods_supported value works for the clients it is meant for, and both methods the contract names are advertised"), () -> {
            KitClient full = ctx.client();
            List<String> methods = strings(metadata[0], "token_endpoint_auth_methods_supported");
            Expect.that(methods.containsAll(List.of("client_secret_basic", "client_secret_post")),
                    "an accepted method is not advertised", "[client_secret_basic, client_secret_post]", methods.toString());
            for (String method : methods) {
                if (NONE.equals(method)) {
                    // none is the method of public clients (RFC 6749 §2.1): a confidential client never uses it, so
                    // the kit's confidential client presenting its client_id alone must be refused.
                    Exchange x = ctx.http().post("/token")
                            .form(Forms.of("grant_type", "client_credentials", "client_id", full.clientId())).send();
                    Expect.that(x.status() == 401 && "invalid_client".equals(x.text("/error")),
                            "a confidential client was accepted without its secret (method none)",
                            "HTTP 401 {\"error\": \"invalid_client\"}", x.status() + " " + x.responseBody(), x);
                    continue;
                }
                Exchange x = authenticated(ctx, "/token", method, full, Forms.of("grant_type", "client_credentials"));
                Expect.that(x.status() == 200, "advertised method " + method + " does not work", "HTTP 200", "HTTP " + x.status(), x);
            }
        });
        checks.run(Check.required(GROUP, "RFC8414-2-grant-types-supported", "RFC8414-2",
                "grant_types_supported lists client_credentials, authorization_code and refresh_token"), () -> {
            List<String> grants = strings(metadata[0], "grant_types_supported");
            Expect.that(grants.containsAll(List.of("client_credentials", "authorization_code", "refresh_token")),
                    "grant types missing", "[client_credentials, authorization_code, refresh_token]", grants.toString());
        });
        checks.run(Check.required(GROUP, "RFC8414-2-scopes-supported", "RFC8414-2",
                "scopes_supported lists every scope of the contract's oauth2 scheme"), () -> {
            List<String> scopes = strings(metadata[0], "scopes_supported");
            Expect.that(scopes.containsAll(ctx.api().scopes()), "scopes missing", ctx.api().scopes().toString(), scopes.toString());
        });
        checks.run(Check.required(GROUP, "RFC8414-2-response-types-supported", "RFC8414-2",
                "response_types_supported is [code]: the authorization code flow and no implicit or hybrid response type"), () -> {
            List<String> types = strings(metadata[0], "response_types_supported");
            Expect.that(types.equals(List.of("code")), "response_types_supported", "[code]", types.toString());
        });
        checks.run(Check.required(GROUP, "RFC8414-2-authorization-endpoint-refuses-unknown-client", "RFC6749-4.1.2.1",
                "the advertised authorization_endpoint answers a request without client_id with 400 itself, never a redirect"), () -> {
            String endpoint = require(metadata[0], "authorization_endpoint");
            Exchange x = ctx.http().get(endpoint + "?response_type=code").send();
            Expect.status(x, 400);
            Expect.that(x.headers("Location").isEmpty(), "redirected without a known client and redirect_uri",
                    "no Location header", String.valueOf(x.headers("Location")), x);
        });
        checks.run(Check.required(GROUP, "RFC7636-4.2-code-challenge-methods", "RFC9700-2.1.1",
                "code_challenge_methods_supported lists S256 and not plain"), () -> {
            List<String> methods = strings(metadata[0], "code_challenge_methods_supported");
            Expect.that(methods.contains("S256") && !methods.contains("plain"), "PKCE methods", "[S256]", methods.toString());
        });
        checks.run(Check.required(GROUP, "RFC9207-3-iss-parameter-supported", "RFC9207-3",
                "authorization_response_iss_parameter_supported is true (iss on every authorization response)"), () -> {
            JsonNode n = metadata[0] == null ? null : metadata[0].get("authorization_response_iss_parameter_supported");
            Expect.that(n != null && n.isBoolean() && n.asBoolean(), "authorization_response_iss_parameter_supported",
                    "true", String.valueOf(n));
        });
        checks.run(Check.required(GROUP, "RFC8414-2-revocation-endpoint-works", "RFC8414-2",
                "the advertised revocation_endpoint and its auth methods work (200 for an unknown token, RFC 7009 §2.2)")
                .needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client();
            String endpoint = require(metadata[0], "revocation_endpoint");
            for (String method : methodsOr(metadata[0], "revocation_endpoint_auth_methods_supported")) {
                Exchange x = authenticated(ctx, endpoint, method, full, Forms.of("token", "unknown-" + KitContext.randomId(16)));
                Expect.that(x.status() == 200, "revocation with " + method + " failed", "HTTP 200", "HTTP " + x.status(), x);
            }
        });
        checks.run(Check.required(GROUP, "RFC8414-2-introspection-endpoint-works", "RFC8414-2",
                "the advertised introspection_endpoint and its auth methods work")
                .needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client();
            String endpoint = require(metadata[0], "introspection_endpoint");
            for (String method : methodsOr(metadata[0], "introspection_endpoint_auth_methods_supported")) {
                Exchange x = authenticated(ctx, endpoint, method, full, Forms.of("token", ctx.tokens().access(full, null)));
                Expect.that(x.status() == 200 && x.json().path("active").asBoolean(false),
                        "introspection with " + method + " failed", "HTTP 200 {\"active\": true, ...}", x.status() + " " + x.responseBody(), x);
            }
        });
        checks.run(Check.required(GROUP, "RFC7517-5-jwks-served", "RFC7517-5",
                "the advertised jwks_uri answers a JWK Set"), () -> {
            String uri = require(metadata[0], "jwks_uri");
            Exchange x = ctx.http().get(uri).send();
            Expect.status(x, 200);
            Expect.that(x.json().path("keys").isArray() && !x.json().path("keys").isEmpty(), "no keys",
                    "{\"keys\": [...]}", x.responseBody(), x);
            jwks[0] = x.json();
        });
        checks.run(Check.required(GROUP, "RFC7517-4-no-private-members", "RFC7517-4",
                "no key in the JWKS carries private or symmetric key material (d, p, q, dp, dq, qi, oth, k)"), () -> {
            requireJwks(jwks[0]);
            for (JsonNode key : jwks[0].path("keys")) {
                List<String> leaked = new ArrayList<>();
                key.fieldNames().forEachRemaining(f -> {
                    if (PRIVATE_MEMBERS.contains(f)) {
                        leaked.add(f);
                    }
                });
                Expect.that(leaked.isEmpty(), "private key material published", "public members only",
                        "key " + key.path("kid").asText() + " has " + leaked);
            }
        });
        checks.run(Check.required(GROUP, "RFC7517-4.5-token-kid-published", "RFC7517-4.5",
                "the kid in an access token's header names a key of the JWKS, and that key verifies the token"), () -> {
            KitClient full = ctx.client();
            requireJwks(jwks[0]);
            String token = ctx.tokens().access(full, null);
            SignedJWT jwt = SignedJWT.parse(token);
            String kid = jwt.getHeader().getKeyID();
            Expect.that(kid != null, "the token has no kid", "a kid header", jwt.getHeader().toString());
            JWKSet set = JWKSet.parse(jwks[0].toString());
            JWK key = set.getKeyByKeyId(kid);
            Expect.that(key != null, "kid not in the JWKS", "a key with kid " + kid, "kids " + set.getKeys().stream().map(JWK::getKeyID).toList());
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                    key instanceof com.nimbusds.jose.jwk.ECKey ec ? ec.toECPublicKey() : ((com.nimbusds.jose.jwk.RSAKey) key).toRSAPublicKey());
            Expect.that(jwt.verify(verifier), "the published key does not verify the token", "a valid signature", "invalid");
        });

        checks.run(Check.required(GROUP, "SPEC-health-up", "SPEC-health", "GET /health answers 200 with status UP"), () -> {
            Exchange x = ctx.http().get("/health").send();
            Expect.status(x, 200);
            Expect.that("UP".equals(x.text("/status")), "not UP", "status UP", x.responseBody(), x);
        });
        checks.run(Check.required(GROUP, "SPEC-openapi-served", "SPEC-openapi",
                "GET /openapi.yaml serves an OpenAPI 3 document"), () -> {
            Exchange x = ctx.http().get("/openapi.yaml").send();
            Expect.status(x, 200);
            Expect.that(x.responseBody() != null && x.responseBody().startsWith("openapi: 3"), "not an OpenAPI document",
                    "openapi: 3.0.x ...", x.responseBody() == null ? "" : x.responseBody().lines().findFirst().orElse(""), x);
        });
        checks.run(Check.recommended(GROUP, "SPEC-openapi-same-contract", "SPEC-openapi",
                "the served contract is the one this kit checks against (byte for byte)"), () -> {
            Exchange x = ctx.http().get("/openapi.yaml").send();
            Expect.that(ctx.api().text().equals(x.responseBody()), "the deployment serves another version of the contract",
                    "info.version " + ctx.api().version() + ", identical bytes", "different document (" + (x.responseBody() == null ? 0 : x.responseBody().length()) + " characters)", x);
        });
        checks.run(Check.required(GROUP, "SPEC-request-id-echoed", "SPEC-request-id",
                "a valid X-Request-Id sent by the caller comes back on the response and in the error body"), () -> {
            String id = "conformance-" + KitContext.randomId(12);
            Exchange x = ctx.http().get(ctx.api().securedOperations().get(0).pathWith(KitContext.randomId(20)))
                    .header("X-Request-Id", id).send();
            Expect.headerEquals(x, "X-Request-Id", id);
            Expect.that(id.equals(x.text("/request_id")), "request_id differs", "request_id " + id, x.responseBody(), x);
        });
        checks.run(Check.required(GROUP, "SPEC-request-id-generated", "SPEC-request-id",
                "an invalid X-Request-Id is replaced by one the server generates"), () -> {
            Exchange x = ctx.http().get("/health").header("X-Request-Id", "bad id with spaces!").send();
            String value = Expect.header(x, "X-Request-Id");
            Expect.that(value.matches("[A-Za-z0-9._-]{1,128}"), "invalid request id echoed", "a generated id", value, x);
        });
    }

    /** A request to an OAuth endpoint authenticated with the named RFC 8414 method. */
    static Exchange authenticated(KitContext ctx, String endpoint, String method, KitClient client, String form) {
        return switch (method) {
            case "client_secret_basic" -> ctx.http().post(endpoint).basic(client.clientId(), client.secret()).form(form).send();
            case "client_secret_post" -> ctx.http().post(endpoint)
                    .form(form + "&" + Forms.of("client_id", client.clientId(), "client_secret", client.secret())).send();
            default -> throw new CheckFailure("unknown client authentication method advertised",
                    "client_secret_basic or client_secret_post", method);
        };
    }

    private static String require(JsonNode metadata, String member) {
        if (metadata == null) {
            throw new CheckFailure("no metadata document", "the RFC 8414 metadata", "none (see RFC8414-3-metadata-served)");
        }
        JsonNode n = metadata.get(member);
        if (n == null || !n.isTextual()) {
            throw new CheckFailure("metadata member missing", member + " (a URL)", metadata.toString());
        }
        return n.asText();
    }

    private static void requireJwks(JsonNode jwks) {
        if (jwks == null) {
            throw new CheckFailure("no JWK Set", "the JWKS of jwks_uri", "none (see RFC7517-5-jwks-served)");
        }
    }

    private static List<String> strings(JsonNode metadata, String member) {
        if (metadata == null || !metadata.path(member).isArray()) {
            throw new CheckFailure("metadata member missing", member + " (an array)", metadata == null ? "no metadata" : metadata.toString());
        }
        List<String> out = new ArrayList<>();
        metadata.path(member).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> methodsOr(JsonNode metadata, String member) {
        return metadata != null && metadata.path(member).isArray() ? strings(metadata, member)
                : strings(metadata, "token_endpoint_auth_methods_supported");
    }
}
