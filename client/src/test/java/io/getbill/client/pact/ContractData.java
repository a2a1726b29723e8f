package io.getbill.client.pact;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDslObject;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithoutPath;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import io.getbill.client.GetBillClient;
import io.getbill.client.retry.RetryPolicy;
import io.getbill.client.token.IssuedTokens;
import io.getbill.client.token.TokenCache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data every consumer contract shares, and the state names the provider verification must set up.
 *
 * <p>Resource interactions send a bearer token matched by regex: the provider verification replaces it with a
 * token it signs for company Acme Recovery with every scope, except where the state says otherwise
 * (an expired token, a token without a scope).
 */
final class ContractData {
    static final String PROVIDER = "getbill-api";
    static final String CONSUMER = "getbill-java-client";

    static final String CLIENT_ID = "acme-backend";
    static final String CLIENT_SECRET = "acme-backend-contract-secret-0123456789abcdef";
    static final String WRONG_SECRET = "not-the-secret-of-acme-backend-0123456789abcd";
    static final String SCOPE = "debts:read debts:write followups:write";
    static final String REFRESH_TOKEN = "rt_Jq2m7T0W3n8sVb5xK1cZ9yL4pR6aE0uH2gF8dS3wQ7";
    static final String ACCESS_TOKEN = "eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0"
            + ".eyJpc3MiOiJodHRwczovL2dldGJpbGwuaW8iLCJzdWIiOiJhY21lLWJhY2tlbmQifQ.c2lnbmF0dXJl";
    static final String BEARER_REGEX = "Bearer [A-Za-z0-9\\-._~+/]+=*";
    static final String DEBT_ID = "abc123def456";
    static final String MISSING_DEBT_ID = "zzz999missing";

    static final String TIMESTAMP = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$";
    static final String DATE = "^\\d{4}-\\d{2}-\\d{2}$";
    static final String AMOUNT_TEXT = "^[0-9]{1,12}\\.[0-9]{2}$";
    static final String DEBT_STATUS = "^(pending|in_progress|processing|settled|paid|partial|failed|archived|invalid_phone|on_hold|refused)$";

    // Provider states: plain sentences, set up by the conformance kit's provider verification.
    static final String STATE_CLIENT = "a client acme-backend with the client_credentials and refresh_token grants "
            + "and the scopes debts:read debts:write followups:write exists for company Acme Recovery";
    static final String STATE_REFRESH_TOKEN = "client acme-backend of company Acme Recovery holds an unused refresh token";
    static final String STATE_COMPANY = "company Acme Recovery exists";
    static final String STATE_PENDING_DEBTS = "pending debts exist for company Acme Recovery";
    static final String STATE_DEBT = "a debt with id abc123def456 exists for company Acme Recovery";
    static final String STATE_NO_DEBT = "no debt with id zzz999missing exists for company Acme Recovery";
    static final String STATE_EXPIRED_TOKEN = "the access token presented for company Acme Recovery has expired";
    static final String STATE_NO_DEBTS_READ = "the access token presented for company Acme Recovery lacks the scope debts:read";

    static final Map<String, Object> CLIENT_PARAMS = Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
            "scope", SCOPE, "company", "Acme Recovery");

    private ContractData() {
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A client for the mock server. With {@code seeded}, a valid access token is already in the token cache,
     * so resource interactions need no token interaction.
     */
    static GetBillClient client(MockServer mockServer, boolean seeded) {
        return client(mockServer, CLIENT_SECRET, seeded ? new SeededCache(new IssuedTokens(ACCESS_TOKEN, null, SCOPE,
                Instant.now(), Instant.now().plus(Duration.ofHours(1)))) : new SeededCache(null));
    }

    static GetBillClient client(MockServer mockServer, String secret, TokenCache cache) {
        return GetBillClient.builder()
                .baseUrl(mockServer.getUrl())
                .clientId(CLIENT_ID)
                .clientSecret(secret)
                .scopes("debts:read", "debts:write", "followups:write")
                .retryPolicy(RetryPolicy.none())
                .tokenCache(cache)
                .build();
    }

    static final String CLIENT_CREDENTIALS_REQUEST = "a client_credentials token request authenticated with HTTP Basic";

    /**
     * The client-credentials interaction, shared by the token contract and the 401 renewal so that both
     * record it identically. Start it with {@code given(STATE_CLIENT, CLIENT_PARAMS).uponReceiving(CLIENT_CREDENTIALS_REQUEST)}.
     */
    static PactDslResponse clientCredentialsGrant(PactDslRequestWithoutPath request) {
        return request.path("/token")
                .method("POST")
                .headers(Map.of("Authorization", basic(CLIENT_ID, CLIENT_SECRET),
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Accept", "application/json"))
                .body("grant_type=client_credentials&scope=debts%3Aread+debts%3Awrite+followups%3Awrite",
                        "application/x-www-form-urlencoded")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .headers(Map.of("Cache-Control", "no-store", "Pragma", "no-cache"))
                .body(LambdaDsl.newJsonBody(token -> token
                        .stringType("access_token", ACCESS_TOKEN)
                        .stringValue("token_type", "Bearer")
                        .integerType("expires_in", 3600)
                        .stringValue("scope", SCOPE)
                        .stringType("refresh_token", REFRESH_TOKEN)).build());
    }

    /** The fields of a debt every answer carries, matched by type or format. */
    static void debtCore(LambdaDslObject debt) {
        debt.stringType("firstname", "John")
                .stringType("lastname", "Doe")
                .numberType("amount", 1250.00)
                .stringMatcher("amount_text", AMOUNT_TEXT, "1250.00")
                .stringMatcher("currency", "^[A-Z]{3}$", "EUR")
                .integerType("nb_reminders", 0)
                .integerType("nb_answered", 0)
                .integerType("followups_count", 0)
                .object("metadata", metadata -> {
                })
                .stringType("debtor_id", "dbt7Hn2xWc5P")
                .stringMatcher("import_date", TIMESTAMP, "2024-01-15T10:30:00Z")
                .booleanType("payment_plan_active", false)
                .stringMatcher("created_at", TIMESTAMP, "2024-01-15T10:30:00Z")
                .stringMatcher("updated_at", TIMESTAMP, "2024-01-15T10:30:00Z");
    }

    /** The error envelope: message and request id by type, {@code code} exactly. */
    static void errorEnvelope(LambdaDslObject body, int code, String message) {
        body.booleanValue("error", true)
                .stringType("message", message)
                .integerType("code", code)
                .stringType("request_id", "7f3c9a2e-5b1d-4e8f-a0c4-2d6b8e1f9a37");
    }

    /** A token cache that starts with one entry (or none) under whatever key it is first asked for. */
    static final class SeededCache implements TokenCache {
        private final Map<String, IssuedTokens> entries = new ConcurrentHashMap<>();
        private final AtomicReference<IssuedTokens> seed;

        SeededCache(IssuedTokens seed) {
            this.seed = new AtomicReference<>(seed);
        }

        @Override
        public Optional<IssuedTokens> load(String key) {
            IssuedTokens first = seed.getAndSet(null);
            if (first != null) {
                entries.put(key, first);
            }
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public void store(String key, IssuedTokens tokens) {
            entries.put(key, tokens);
        }

        @Override
        public void remove(String key) {
            entries.remove(key);
        }
    }
}
