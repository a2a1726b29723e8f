package io.getbill.conformance;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.IgnoreNoPactsToVerify;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.getbill.conformance.checks.PactChecks;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.pact.PactFiles;
import io.getbill.conformance.pact.ProviderStates;
import io.getbill.conformance.spec.ApiModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Forms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Pact provider verification in the build (Pact JVM {@code junit5}): the partner client's pact files, as packaged
 * into the kit from {@code client/target/pacts}, against the real server on MariaDB. {@code @State} methods set up
 * real rows through the server's own write path ({@link ProviderStates}) and hand their ids to the interactions'
 * {@code fromProviderState} expressions; only the credentials are swapped ({@link #credentialsSwap()}). The kit's
 * packaging refuses a jar without pact files; run alone without them, there is nothing to verify and the test
 * template is ignored.
 *
 * <p>Every provider-state sentence a pact uses needs a method here; an unknown one fails the verification, which is
 * how a new consumer expectation reaches the provider.
 */
@Provider("getbill-api")
@PactFolder(PactFiles.CLASSPATH_DIR)
@IgnoreNoPactsToVerify
class PactProviderVerificationTest {

    static KitServer server;
    static KitContext kit;
    static ProviderStates states;
    static BreakingProxy proxy;

    @BeforeAll
    static void start() {
        server = KitServer.start();
        ApiModel api = ApiModel.fromClasspath();
        kit = new KitContext(new Http(server.url()), api, server.config(), null);
        states = new ProviderStates(kit);
        try {
            proxy = new BreakingProxy(server.url());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        proxy.breakWith(credentialsSwap());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        if (context != null) {
            context.setTarget(new HttpTestTarget("localhost", proxy.url().getPort()));
        }
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void interactionHoldsAgainstTheRealServer(PactVerificationContext context) {
        if (context != null) {
            context.verifyInteraction();
        }
    }

    /** How the proxy presents the bearer token for the interaction being verified (set by its provider state). */
    enum TokenMode { VALID, EXPIRED, WITHOUT_DEBTS_READ }

    static volatile TokenMode tokenMode = TokenMode.VALID;
    /** The secret the consumer registered for its client in the current state; another secret means "wrong secret". */
    static volatile String consumerSecret;
    /** The scope the consumer's client state registers (refresh tokens are obtained for it). */
    static volatile String consumerScope;
    /**
     * The state names a public client that the kit's bootstrap file registers under the consumer's own client id: it
     * has no secret to swap, so its token request goes to the server as recorded.
     */
    static volatile boolean consumerPublicClient;

    /**
     * The consumer's credentials exist only in its mock server: a small proxy in front of the server swaps them for
     * the kit's client holding every scope and the refresh_token grant — bearer token (valid, expired or lacking debts:read, as the state says), Basic header
     * (a wrong secret stays wrong), client_id / client_secret and refresh_token of a token request's form — and
     * changes nothing else.
     */
    static BreakingProxy.Breakage credentialsSwap() {
        return new BreakingProxy.Breakage() {
            @Override
            public void request(BreakingProxy.Message m) {
                KitClient full = kit.client(ClientProperty.scopes(kit.api().scopes()), ClientProperty.REFRESH_TOKEN);
                List<String> auth = m.requestHeader("Authorization");
                if (!auth.isEmpty()) {
                    String value = auth.get(0);
                    m.requestHeaders.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization"));
                    if (value.regionMatches(true, 0, "Bearer", 0, 6)) {
                        m.requestHeaders.put("Authorization", List.of("Bearer " + bearer(full)));
                    } else {
                        String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
                        String presented = decoded.substring(decoded.indexOf(':') + 1);
                        String secret = consumerSecret != null && !consumerSecret.equals(presented)
                                ? "not-the-secret-of-" + full.clientId() + "-0123456789abcdef" : full.secret();
                        String pair = Forms.encode(full.clientId()) + ":" + Forms.encode(secret);
                        m.requestHeaders.put("Authorization", List.of("Basic "
                                + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
                    }
                }
                if (!consumerPublicClient
                        && m.requestHeader("Content-Type").stream().anyMatch(t -> t.startsWith("application/x-www-form-urlencoded"))) {
                    String form = new String(m.requestBody, StandardCharsets.UTF_8);
                    form = PactChecks.withCredentials(form, full);
                    if (form.contains("refresh_token=")) {
                        form = PactChecks.withRefreshToken(form, kit.tokens().refreshToken(full, consumerScope));
                    }
                    m.requestBody = form.getBytes(StandardCharsets.UTF_8);
                }
            }
        };
    }

    private static String bearer(KitClient full) {
        return switch (tokenMode) {
            case VALID -> kit.tokens().access(full, null);
            case WITHOUT_DEBTS_READ -> kit.tokens().access(full, "company:read");
            case EXPIRED -> {
                try {
                    long now = System.currentTimeMillis() / 1000;
                    String issuer = server.url().toString().replaceAll("/$", "");
                    yield server.minter().mint("at+jwt", new com.nimbusds.jwt.JWTClaimsSet.Builder()
                            .issuer(issuer).subject(full.clientId()).audience(issuer + "/external-api")
                            .issueTime(new java.util.Date((now - 7200) * 1000)).expirationTime(new java.util.Date((now - 3600) * 1000))
                            .jwtID(java.util.UUID.randomUUID().toString()).claim("client_id", full.clientId())
                            .claim("scope", "debts:read").claim("company_id", "expired").build());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static void normal() {
        tokenMode = TokenMode.VALID;
        consumerSecret = null;
        consumerScope = null;
        consumerPublicClient = false;
    }

    @State("a client acme-backend with the client_credentials and refresh_token grants and the scopes debts:read "
            + "debts:write followups:write exists for company Acme Recovery")
    void clientExists(Map<String, Object> params) {
        normal();
        consumerSecret = (String) params.get("client_secret");
    }

    @State("a public client acme-invoicing-app with the authorization_code and refresh_token grants and the redirect URI "
            + "http://127.0.0.1:53682/callback belongs to company Acme Recovery")
    void publicClientExists() {
        // kit-bootstrap.yaml registers this client (token_endpoint_auth_method: none) for company Acme Recovery.
        normal();
        consumerPublicClient = true;
    }

    @State("client acme-backend of company Acme Recovery holds an unused refresh token")
    void clientHoldsAnUnusedRefreshToken(Map<String, Object> params) {
        // The proxy swaps the recorded refresh token for a fresh one of that client, for the same scope.
        normal();
        consumerSecret = (String) params.get("client_secret");
        consumerScope = (String) params.get("scope");
    }

    @State({"company Acme Recovery exists", "no debt with id zzz999missing exists for company Acme Recovery"})
    void nothingToSetUp() {
        normal();
    }

    @State({"pending debts exist for company Acme Recovery", "a debt with id abc123def456 exists for company Acme Recovery"})
    Map<String, Object> aDebtExists() {
        normal();
        return states.setUp("a debt exists").orElseThrow();
    }

    @State("the access token presented for company Acme Recovery has expired")
    void presentedTokenExpired() {
        normal();
        tokenMode = TokenMode.EXPIRED;
    }

    @State("the access token presented for company Acme Recovery lacks the scope debts:read")
    void presentedTokenLacksDebtsRead() {
        normal();
        tokenMode = TokenMode.WITHOUT_DEBTS_READ;
    }
}
