package io.getbill.conformance;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.IgnoreNoPactsToVerify;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.getbill.conformance.checks.PactChecks;
import io.getbill.conformance.config.KitConfig;
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
 * {@code fromProviderState} expressions; only the credentials are swapped ({@link #credentialsSwap()}). With no pact files yet (the client's consumer tests, issue 6,
 * not merged) there is nothing to verify and the test template is ignored.
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
        KitConfig.Selection clients = server.config().select(api.scopes());
        kit = new KitContext(new Http(server.url()), api, clients, null);
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

    /**
     * The consumer's credentials exist only in its mock server: a small proxy in front of the server swaps them for
     * the kit's full client (bearer token, Basic header, client_id and client_secret of a token request's form) and
     * changes nothing else.
     */
    static BreakingProxy.Breakage credentialsSwap() {
        return new BreakingProxy.Breakage() {
            @Override
            public void request(BreakingProxy.Message m) {
                KitClient full = kit.clients().full();
                List<String> auth = m.requestHeader("Authorization");
                if (!auth.isEmpty()) {
                    String value = auth.get(0);
                    m.requestHeaders.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization"));
                    if (value.regionMatches(true, 0, "Bearer", 0, 6)) {
                        m.requestHeaders.put("Authorization", List.of("Bearer " + kit.tokens().access(full, null)));
                    } else {
                        String pair = Forms.encode(full.clientId()) + ":" + Forms.encode(full.secret());
                        m.requestHeaders.put("Authorization", List.of("Basic "
                                + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
                    }
                }
                if (m.requestHeader("Content-Type").stream().anyMatch(t -> t.startsWith("application/x-www-form-urlencoded"))) {
                    String form = new String(m.requestBody, StandardCharsets.UTF_8);
                    m.requestBody = PactChecks.withCredentials(form, full).getBytes(StandardCharsets.UTF_8);
                }
            }
        };
    }

    @State({"the client acme-backend exists", "company Acme Recovery exists"})
    void nothingToSetUp() {
        // The kit's bootstrap file provides the clients and companies.
    }

    @State("a debt exists")
    Map<String, Object> aDebtExists() {
        return states.setUp("a debt exists").orElseThrow();
    }

    @State("a followup exists")
    Map<String, Object> aFollowupExists() {
        return states.setUp("a followup exists").orElseThrow();
    }

}
