package io.getbill.client.pact;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.getbill.client.GetBillClient;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.token.IssuedTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.getbill.client.pact.ContractData.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The token requests the client sends, with their exact form bodies (RFC 6749 §4.4.2 and §6). */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class TokenPactTest {
    private static final String NEW_REFRESH_TOKEN = "rt_N8vQ2kW5zX1cB7mL3pR9sT4yU6aE0oI2hG8dF5jK1";

    @Pact(consumer = CONSUMER)
    V4Pact clientCredentialsGrant(PactDslWithProvider builder) {
        return ContractData.clientCredentialsGrant(builder.given(STATE_CLIENT, CLIENT_PARAMS)
                .uponReceiving(CLIENT_CREDENTIALS_REQUEST)).toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "clientCredentialsGrant")
    void whenATokenIsFirstNeededThenAClientCredentialsGrantIsRequestedWithBasicAuthentication(MockServer mockServer)
            throws Exception {
        GetBillClient client = ContractData.client(mockServer, false);

        assertEquals(ACCESS_TOKEN, client.tokens().accessToken());
    }

    @Pact(consumer = CONSUMER)
    V4Pact refreshTokenGrant(PactDslWithProvider builder) {
        Map<String, Object> params = new HashMap<>(CLIENT_PARAMS);
        params.put("refresh_token", REFRESH_TOKEN);
        return builder.given(STATE_REFRESH_TOKEN, params)
                .uponReceiving("a refresh_token token request authenticated with HTTP Basic")
                .path("/token")
                .method("POST")
                .headers(Map.of("Authorization", basic(CLIENT_ID, CLIENT_SECRET),
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Accept", "application/json"))
                .body("grant_type=refresh_token&refresh_token=" + REFRESH_TOKEN, "application/x-www-form-urlencoded")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .headers(Map.of("Cache-Control", "no-store", "Pragma", "no-cache"))
                .body(LambdaDsl.newJsonBody(token -> token
                        .stringType("access_token", ACCESS_TOKEN)
                        .stringValue("token_type", "Bearer")
                        .integerType("expires_in", 3600)
                        .stringValue("scope", SCOPE)
                        .stringType("refresh_token", NEW_REFRESH_TOKEN)).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "refreshTokenGrant")
    void whenTheAccessTokenExpiresThenTheRefreshTokenIsPresentedOnceAndTheRotatedOneKept(MockServer mockServer)
            throws Exception {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        SeededCache cache = new SeededCache(new IssuedTokens("expired-access-token", REFRESH_TOKEN, SCOPE,
                anHourAgo.minus(Duration.ofHours(1)), anHourAgo));
        GetBillClient client = ContractData.client(mockServer, CLIENT_SECRET, cache);

        assertEquals(ACCESS_TOKEN, client.tokens().accessToken());
        assertEquals(Optional.of(NEW_REFRESH_TOKEN), cache.load(client.tokens().cacheKey()).flatMap(IssuedTokens::refreshToken));
    }

    @Pact(consumer = CONSUMER)
    V4Pact wrongClientSecret(PactDslWithProvider builder) {
        return builder.given(STATE_CLIENT, CLIENT_PARAMS)
                .uponReceiving("a client_credentials token request with a wrong client secret")
                .path("/token")
                .method("POST")
                .headers(Map.of("Authorization", basic(CLIENT_ID, WRONG_SECRET),
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Accept", "application/json"))
                .body("grant_type=client_credentials&scope=debts%3Aread+debts%3Awrite+followups%3Awrite",
                        "application/x-www-form-urlencoded")
                .willRespondWith()
                .status(401)
                .matchHeader("WWW-Authenticate", "Basic realm=\"getbill\".*", "Basic realm=\"getbill\"")
                .headers(Map.of("Cache-Control", "no-store", "Pragma", "no-cache"))
                .body(LambdaDsl.newJsonBody(error -> error
                        .stringValue("error", "invalid_client")
                        .stringType("error_description", "Client authentication failed")).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "wrongClientSecret")
    void whenTheSecretIsWrongThenTokenRequestExceptionCarriesInvalidClient(MockServer mockServer) {
        GetBillClient client = ContractData.client(mockServer, WRONG_SECRET, new SeededCache(null));

        TokenRequestException e = assertThrows(TokenRequestException.class, () -> client.tokens().accessToken());

        assertEquals(401, e.status());
        assertEquals(Optional.of("invalid_client"), e.error());
    }
}
