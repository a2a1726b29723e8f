package io.getbill.client.pact;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.getbill.client.authorization.AuthorizationCodeFlow;
import io.getbill.client.authorization.PendingAuthorization;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.retry.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.getbill.client.pact.ContractData.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The authorization-code exchange the client sends (RFC 6749 §4.1.3, RFC 7636 §4.5) and the errors it must
 * understand. Only refusals are recorded: a successful exchange needs a code that a signed-in user consented to,
 * which a provider state cannot hold without signing a user in through the pages.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class AuthorizationCodePactTest {
    private static final String PUBLIC_CLIENT_ID = "acme-invoicing-app";
    private static final String REDIRECT_URI = "http://127.0.0.1:53682/callback";
    private static final String ENCODED_REDIRECT_URI = "http%3A%2F%2F127.0.0.1%3A53682%2Fcallback";
    /** RFC 7636 Appendix B. */
    private static final String CODE_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String UNKNOWN_CODE = "unknown-code-Jq2m7T0W3n8sVb5xK1cZ9yL4pR6aE0uH2g";
    private static final String STATE = "af0ifjsldkj-state-0123456789abcdefghijklmnop";

    static final String STATE_PUBLIC_CLIENT = "a public client acme-invoicing-app with the authorization_code and "
            + "refresh_token grants and the redirect URI http://127.0.0.1:53682/callback belongs to company Acme Recovery";

    private static String exchangeBody(String clientIdParameter) {
        return "grant_type=authorization_code&code=" + UNKNOWN_CODE + "&redirect_uri=" + ENCODED_REDIRECT_URI
                + "&code_verifier=" + CODE_VERIFIER + clientIdParameter;
    }

    @Pact(consumer = CONSUMER)
    V4Pact unknownCodeFromAPublicClient(PactDslWithProvider builder) {
        Map<String, Object> params = new HashMap<>();
        params.put("client_id", PUBLIC_CLIENT_ID);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("company", "Acme Recovery");
        return builder.given(STATE_PUBLIC_CLIENT, params)
                .uponReceiving("an authorization_code token request from a public client with an unknown code")
                .path("/token")
                .method("POST")
                .headers(Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"))
                .body(exchangeBody("&client_id=" + PUBLIC_CLIENT_ID), "application/x-www-form-urlencoded")
                .willRespondWith()
                .status(400)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .headers(Map.of("Cache-Control", "no-store", "Pragma", "no-cache"))
                .body(LambdaDsl.newJsonBody(error -> error
                        .stringValue("error", "invalid_grant")
                        .stringType("error_description", "Invalid or expired authorization code")).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "unknownCodeFromAPublicClient")
    void whenAPublicClientPresentsAnUnknownCodeThenInvalidGrant(MockServer mockServer) throws Exception {
        AuthorizationCodeFlow flow = flow(mockServer).build();

        TokenRequestException e = assertThrows(TokenRequestException.class,
                () -> flow.complete(pending(mockServer), callback(mockServer)));

        assertEquals(400, e.status());
        assertEquals(Optional.of("invalid_grant"), e.error());
    }

    @Pact(consumer = CONSUMER)
    V4Pact codeExchangeWithAWrongSecret(PactDslWithProvider builder) {
        return builder.given(STATE_CLIENT, CLIENT_PARAMS)
                .uponReceiving("an authorization_code token request with a wrong client secret")
                .path("/token")
                .method("POST")
                .headers(Map.of("Authorization", basic(CLIENT_ID, WRONG_SECRET),
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Accept", "application/json"))
                .body(exchangeBody(""), "application/x-www-form-urlencoded")
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
    @PactTestFor(pactMethod = "codeExchangeWithAWrongSecret")
    void whenAConfidentialClientsSecretIsWrongThenInvalidClient(MockServer mockServer) throws Exception {
        AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder()
                .baseUrl(mockServer.getUrl())
                .clientId(CLIENT_ID)
                .clientSecret(WRONG_SECRET)
                .redirectUri(REDIRECT_URI)
                .serverMetadata(mockServer.getUrl(), URI.create(mockServer.getUrl() + "/authorize"))
                .retryPolicy(RetryPolicy.none())
                .build();

        TokenRequestException e = assertThrows(TokenRequestException.class,
                () -> flow.complete(pending(mockServer), callback(mockServer)));

        assertEquals(401, e.status());
        assertEquals(Optional.of("invalid_client"), e.error());
    }

    private static AuthorizationCodeFlow.Builder flow(MockServer mockServer) {
        return AuthorizationCodeFlow.builder()
                .baseUrl(mockServer.getUrl())
                .clientId(PUBLIC_CLIENT_ID)
                .redirectUri(REDIRECT_URI)
                .serverMetadata(mockServer.getUrl(), URI.create(mockServer.getUrl() + "/authorize"))
                .retryPolicy(RetryPolicy.none());
    }

    private static PendingAuthorization pending(MockServer mockServer) {
        return PendingAuthorization.of(URI.create(mockServer.getUrl() + "/authorize"), REDIRECT_URI, STATE, CODE_VERIFIER);
    }

    private static URI callback(MockServer mockServer) {
        return URI.create(REDIRECT_URI + "?code=" + UNKNOWN_CODE + "&state=" + STATE + "&iss=" + mockServer.getUrl());
    }
}
