package io.getbill.conformance.checks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Challenge;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckFailure;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.core.TokenMinter;
import io.getbill.conformance.core.Tokens;
import io.getbill.conformance.spec.ApiOperation;
import io.getbill.conformance.spec.Features;

import java.security.SecureRandom;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Bearer tokens on the resources (RFC 6750 §3, RFC 9068 §4), derived from the contract: for every operation secured
 * by the oauth2 scheme, no token, a token that does not parse, one signed by a foreign key, a revoked one, an empty
 * {@code Bearer}, and a valid token without the operation's scope — each with its status, challenge and envelope.
 * In the build, tokens minted with the server's own key add expired, wrong-{@code typ} and wrong-audience tokens.
 * Path parameters are filled with a random, syntactically valid id: the 401/403 must come before any 404.
 */
public final class BearerChecks implements CheckGroup {

    public static final String GROUP = "bearer";

    @Override
    public String name() {
        return GROUP;
    }

    /** The operation single-token checks use: the first secured one without path parameters, of the base slice. */
    static ApiOperation probeOperation(KitContext ctx) {
        return ctx.api().securedOperations().stream()
                .filter(o -> o.pathParameters().isEmpty() && o.feature() == null && o.method().equals("GET"))
                .findFirst().orElse(ctx.api().securedOperations().get(0));
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        Tokens tokens = ctx.tokens();
        ECKey foreignKey = foreignKey();
        String[] revoked = new String[1];
        Exchange[] revocation = new Exchange[1];

        for (ApiOperation op : ctx.api().securedOperations()) {
            String id = op.operationId();
            String feature = op.feature();
            checks.run(Check.required(GROUP, "RFC6750-3.1-no-token-401-" + id, "RFC6750-3.1",
                    op + " without a token is 401 with a Bearer challenge carrying a realm and no error code").needs(feature), () -> {
                Exchange x = send(ctx, op, null);
                Expect.status(x, 401);
                Challenge c = Expect.bearerChallenge(x);
                Expect.that(c.param("error") == null, "an error code without a token (RFC 6750 §3.1)",
                        "Bearer realm=\"...\" without error", x.header("WWW-Authenticate").orElse(""), x);
                Expect.envelope(x);
            });
            checks.run(Check.required(GROUP, "RFC6750-3.1-malformed-token-401-" + id, "RFC6750-3.1",
                    op + " with a token that does not parse is 401 invalid_token").needs(feature), () ->
                    invalidToken(send(ctx, op, b -> b.bearer("not-a-jwt." + KitContext.randomId(24)))));
            checks.run(Check.required(GROUP, "RFC6750-3.1-foreign-key-401-" + id, "RFC6750-3.1",
                    op + " with a token signed by a foreign key (same claims) is 401 invalid_token").needs(feature), () -> {
                String token = resign(tokens.access(ctx.client(ClientProperty.scope(op.scope())), null), foreignKey);
                invalidToken(send(ctx, op, b -> b.bearer(token)));
            });
            checks.run(Check.required(GROUP, "RFC6750-3.1-revoked-token-401-" + id, "RFC6750-3.1",
                    op + " with a revoked access token is 401 invalid_token").needs(feature, Features.AUTHORIZATION_SERVER), () -> {
                if (revoked[0] == null) {
                    KitClient full = ctx.client();
                    String token = tokens.fresh(full, null);
                    revocation[0] = ctx.http().post("/revoke").basic(full.clientId(), full.secret())
                            .form(Forms.of("token", token, "token_type_hint", "access_token")).send();
                    Expect.status(revocation[0], 200);
                    revoked[0] = token;
                }
                invalidToken(send(ctx, op, b -> b.bearer(revoked[0])));
            });
            checks.run(Check.required(GROUP, "RFC6750-3.1-empty-bearer-400-" + id, "RFC6750-3.1",
                    op + " with an empty Bearer credential is 400 invalid_request in the error envelope").needs(feature), () -> {
                Exchange x = send(ctx, op, b -> b.header("Authorization", "Bearer "));
                Expect.status(x, 400);
                Challenge c = Expect.bearerChallenge(x);
                Expect.that("invalid_request".equals(c.param("error")), "wrong error", "error=\"invalid_request\"",
                        x.header("WWW-Authenticate").orElse(""), x);
                Expect.envelope(x);
            });
            checks.run(Check.required(GROUP, "RFC6750-3.1-insufficient-scope-403-" + id, "RFC6750-3.1",
                    op + " with a valid token lacking " + op.scope() + " is 403 insufficient_scope naming it").needs(feature), () -> {
                String token = tokenWithout(ctx, op.scope());
                Exchange x = send(ctx, op, b -> b.bearer(token));
                Expect.status(x, 403);
                Challenge c = Expect.bearerChallenge(x);
                Expect.that("insufficient_scope".equals(c.param("error")), "wrong error", "error=\"insufficient_scope\"",
                        x.header("WWW-Authenticate").orElse(""), x);
                String scope = c.param("scope");
                Expect.that(scope != null && java.util.Arrays.asList(scope.split(" ")).contains(op.scope()),
                        "the challenge does not name the scope", "scope=\"" + op.scope() + "\"", x.header("WWW-Authenticate").orElse(""), x);
                Expect.envelope(x);
            });
            if (ctx.minter() != null) {
                mintedChecks(ctx, checks, op);
            }
        }
        singleTokenChecks(ctx, checks);
    }

    /** Tokens signed by the server's own key but invalid otherwise (in the build only). */
    private void mintedChecks(KitContext ctx, Checks checks, ApiOperation op) {
        String id = op.operationId();
        TokenMinter minter = ctx.minter();
        long now = System.currentTimeMillis() / 1000 * 1000;
        checks.run(Check.required(GROUP, "RFC6750-3.1-expired-token-401-" + id, "RFC6750-3.1",
                op + " with an expired token signed by the server's key is 401 invalid_token").needs(op.feature()), () -> {
            JWTClaimsSet claims = new JWTClaimsSet.Builder(baseClaims(ctx, op.scope()))
                    .issueTime(new Date(now - 7_200_000)).expirationTime(new Date(now - 3_600_000)).build();
            String token = minter.mint("at+jwt", claims);
            invalidToken(send(ctx, op, b -> b.bearer(token)));
        });
        checks.run(Check.required(GROUP, "RFC9068-4-wrong-typ-401-" + id, "RFC9068-4",
                op + " with a server-signed token of typ JWT (not at+jwt) is 401 invalid_token").needs(op.feature()), () -> {
            String token = minter.mint("JWT", baseClaims(ctx, op.scope()));
            invalidToken(send(ctx, op, b -> b.bearer(token)));
        });
        checks.run(Check.required(GROUP, "RFC9068-4-wrong-audience-401-" + id, "RFC9068-4",
                op + " with a server-signed token for another audience is 401 invalid_token").needs(op.feature()), () -> {
            JWTClaimsSet claims = new JWTClaimsSet.Builder(baseClaims(ctx, op.scope())).audience("https://other.example/api").build();
            String token = minter.mint("at+jwt", claims);
            invalidToken(send(ctx, op, b -> b.bearer(token)));
        });
    }

    private void singleTokenChecks(KitContext ctx, Checks checks) {
        ApiOperation op = probeOperation(ctx);
        ClientProperty holdsScope = ClientProperty.scope(op.scope());
        checks.run(Check.required(GROUP, "RFC6750-2.1-scheme-case-insensitive", "RFC6750-2.1",
                "the auth scheme is case-insensitive: 'bearer <token>' is accepted").needs(op.feature()), () -> {
            String token = ctx.tokens().access(ctx.client(holdsScope), null);
            Exchange x = send(ctx, op, b -> b.header("Authorization", "bearer " + token));
            Expect.status(x, 200);
        });
        checks.run(Check.required(GROUP, "RFC6750-2.3-query-token-ignored", "RFC6750-2.3",
                "an access_token in the query string is not a supported method: 401 without an error code").needs(op.feature()), () -> {
            String token = ctx.tokens().access(ctx.client(holdsScope), null);
            Exchange x = ctx.http().method(op.method(), op.pathWith(KitContext.randomId(20)))
                    .query("access_token=" + Forms.encode(token)).send();
            Expect.status(x, 401);
            Challenge c = Expect.bearerChallenge(x);
            Expect.that(c.param("error") == null, "error code", "no error", x.header("WWW-Authenticate").orElse(""), x);
        });
        checks.run(Check.required(GROUP, "RFC6750-3.1-two-authorization-headers-400", "RFC6750-3.1",
                "two Authorization headers (two credentials in one request) are 400 invalid_request")
                .needs(op.feature(), Features.AUTHORIZATION_SERVER), () -> {
            String token = ctx.tokens().access(ctx.client(holdsScope), null);
            Exchange x = send(ctx, op, b -> b.bearer(token).bearer(token));
            Expect.status(x, 400);
            Challenge c = Expect.bearerChallenge(x);
            Expect.that("invalid_request".equals(c.param("error")), "wrong error", "error=\"invalid_request\"", x.header("WWW-Authenticate").orElse(""), x);
        });
        checks.run(Check.required(GROUP, "RFC8725-3.1-alg-none-401", "RFC8725-3.1",
                "an unsigned token (alg none) with valid claims is 401 invalid_token").needs(op.feature()), () -> {
            SignedJWT real = SignedJWT.parse(ctx.tokens().access(ctx.client(holdsScope), null));
            String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + real.getHeader().getKeyID() + "\"}").toString();
            String token = header + "." + real.getParsedParts()[1] + ".";
            invalidToken(send(ctx, op, b -> b.bearer(token)));
        });
        checks.run(Check.required(GROUP, "RFC8725-3.1-hs256-with-server-kid-401", "RFC8725-3.1",
                "a token signed with HS256 under the server's kid (key confusion) is 401 invalid_token").needs(op.feature()), () -> {
            SignedJWT real = SignedJWT.parse(ctx.tokens().access(ctx.client(holdsScope), null));
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                    .keyID(real.getHeader().getKeyID()).build(), real.getJWTClaimsSet());
            forged.sign(new MACSigner(secret));
            invalidToken(send(ctx, op, b -> b.bearer(forged.serialize())));
        });
        if (ctx.minter() != null) {
            checks.run(Check.required(GROUP, "RFC9068-4-wrong-issuer-401", "RFC9068-4",
                    "a server-signed token of another issuer is 401 invalid_token").needs(op.feature()), () -> {
                String token = ctx.minter().mint("at+jwt", new JWTClaimsSet.Builder(baseClaims(ctx, op.scope())).issuer("https://other.example").build());
                invalidToken(send(ctx, op, b -> b.bearer(token)));
            });
            checks.run(Check.required(GROUP, "RFC9068-4-no-exp-401", "RFC9068-4",
                    "a server-signed token without exp is 401 invalid_token").needs(op.feature()), () -> {
                String token = ctx.minter().mint("at+jwt", new JWTClaimsSet.Builder(baseClaims(ctx, op.scope())).expirationTime(null).build());
                invalidToken(send(ctx, op, b -> b.bearer(token)));
            });
        }
    }

    /** The claims of a real access token holding {@code scope}: the minted variants change one thing. */
    private static JWTClaimsSet baseClaims(KitContext ctx, String scope) {
        return Tokens.claims(ctx.tokens().access(ctx.client(ClientProperty.scope(scope)), null));
    }

    /**
     * A valid token that lacks {@code scope}: that of a client holding a scope but not this one, or else that of a
     * client holding this scope and another, asked for the other only.
     */
    static String tokenWithout(KitContext ctx, String scope) {
        Optional<KitClient> lacking = ctx.findClient(ClientProperty.lacksScope(scope), ClientProperty.atLeastScopes(1));
        if (lacking.isPresent()) {
            return ctx.tokens().access(lacking.get(), null);
        }
        KitClient client = ctx.client(ClientProperty.scope(scope), ClientProperty.atLeastScopes(2));
        String other = client.scopes().stream().filter(s -> !s.equals(scope)).findFirst().orElseThrow();
        return ctx.tokens().access(client, other);
    }

    /** The operation with random path ids and, for a body, an empty JSON object (no side effect if wrongly let through). */
    static Exchange send(KitContext ctx, ApiOperation op, Consumer<Http.Request> auth) {
        Http.Request r = ctx.http().method(op.method(), op.pathWith(KitContext.randomId(20)));
        if (op.requestSchema() != null) {
            r.json("{}");
        }
        if (auth != null) {
            auth.accept(r);
        }
        return r.send();
    }

    static void invalidToken(Exchange x) {
        Expect.status(x, 401);
        Challenge c = Expect.bearerChallenge(x);
        Expect.that("invalid_token".equals(c.param("error")), "wrong error", "error=\"invalid_token\"",
                x.header("WWW-Authenticate").orElse(""), x);
        Expect.envelope(x);
    }

    private static ECKey foreignKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("conformance-foreign-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same header and claims, signed by the kit's own EC key (an attacker's key). */
    private static String resign(String token, ECKey key) {
        try {
            SignedJWT real = SignedJWT.parse(token);
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(real.getHeader().getType())
                    .keyID(real.getHeader().getKeyID()).build(), real.getJWTClaimsSet());
            forged.sign(new ECDSASigner(key));
            return forged.serialize();
        } catch (Exception e) {
            throw new CheckFailure("could not forge a token: " + e, "a JWT access token", token);
        }
    }
}
