package io.getbill.client.pact;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.getbill.client.GetBillClient;
import io.getbill.client.errors.AuthenticationException;
import io.getbill.client.errors.AuthorizationException;
import io.getbill.client.errors.NotFoundException;
import io.getbill.client.errors.ValidationException;
import io.getbill.client.model.DebtCreateRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static io.getbill.client.pact.ContractData.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One error each for 400, 401, 403 and 404, and the typed exception the client makes of it. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class ErrorCasesPactTest {

    @Pact(consumer = CONSUMER)
    V4Pact createDebtWithZeroAmount(PactDslWithProvider builder) {
        return builder.given(STATE_COMPANY)
                .uponReceiving("a request to create a debt with an amount of zero")
                .path("/external-api/v1/debts")
                .method("POST")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers(Map.of("Content-Type", "application/json", "Accept", "application/json"))
                .body(LambdaDsl.newJsonBody(debt -> debt
                        .stringValue("firstname", "John")
                        .stringValue("lastname", "Doe")
                        .stringValue("email", "john.doe@example.com")
                        .numberValue("amount", 0)
                        .stringValue("currency", "EUR")).build())
                .willRespondWith()
                .status(400)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(LambdaDsl.newJsonBody(body -> {
                    errorEnvelope(body, 400, "Validation failed");
                    body.object("details", details -> details
                            .eachLike("amount", PactDslJsonRootValue.stringType("Amount must be greater than 0"), 1));
                }).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createDebtWithZeroAmount")
    void anInvalidAmountIsAValidationExceptionNamingTheField(MockServer mockServer) {
        GetBillClient client = ContractData.client(mockServer, true);

        ValidationException e = assertThrows(ValidationException.class, () -> client.debts().createDebt(
                new DebtCreateRequest().firstname("John").lastname("Doe").email("john.doe@example.com")
                        .amount(BigDecimal.ZERO).currency("EUR"), null));

        assertEquals(400, e.status());
        assertFalse(e.fieldErrors().get("amount").isEmpty());
        assertTrue(e.requestId().isPresent());
    }

    @Pact(consumer = CONSUMER)
    V4Pact expiredAccessToken(PactDslWithProvider builder) {
        return ContractData.clientCredentialsGrant(builder.given(STATE_EXPIRED_TOKEN)
                        .uponReceiving("a request for debt abc123def456 with an expired access token")
                        .pathFromProviderState("/external-api/v1/debts/${id}", "/external-api/v1/debts/" + DEBT_ID)
                        .method("GET")
                        .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                        .headers("Accept", "application/json")
                        .willRespondWith()
                        .status(401)
                        .matchHeader("WWW-Authenticate", "Bearer realm=\"getbill\", error=\"invalid_token\".*",
                                "Bearer realm=\"getbill\", error=\"invalid_token\", error_description=\"The access token expired\"")
                        .body(LambdaDsl.newJsonBody(body -> errorEnvelope(body, 401,
                                "Authentication credentials are missing or invalid")).build())
                        .given(STATE_CLIENT, CLIENT_PARAMS)
                        .uponReceiving(CLIENT_CREDENTIALS_REQUEST))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "expiredAccessToken")
    void anExpiredTokenIsRenewedOnceAndTheSecondRefusalIsAnAuthenticationException(MockServer mockServer) {
        GetBillClient client = ContractData.client(mockServer, true);

        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.debts().getDebt(DEBT_ID));

        assertEquals(401, e.status());
        assertEquals(Optional.of("invalid_token"), e.error());
    }

    @Pact(consumer = CONSUMER)
    V4Pact listDebtsWithoutScope(PactDslWithProvider builder) {
        return builder.given(STATE_NO_DEBTS_READ)
                .uponReceiving("a request to list debts with an access token without debts:read")
                .path("/external-api/v1/debts")
                .method("GET")
                .query("page=1&limit=20")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers("Accept", "application/json")
                .willRespondWith()
                .status(403)
                .matchHeader("WWW-Authenticate", "Bearer .*error=\"insufficient_scope\".*scope=\"debts:read\".*",
                        "Bearer realm=\"getbill\", error=\"insufficient_scope\", scope=\"debts:read\"")
                .body(LambdaDsl.newJsonBody(body -> errorEnvelope(body, 403,
                        "Required scope \"debts:read\" not found in token")).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listDebtsWithoutScope")
    void aMissingScopeIsAnAuthorizationExceptionNamingTheScope(MockServer mockServer) {
        GetBillClient client = ContractData.client(mockServer, true);

        AuthorizationException e = assertThrows(AuthorizationException.class, () -> client.debts().listDebts(
                1, 20, null, null, null, null, null, null, null, null));

        assertEquals(Optional.of("insufficient_scope"), e.error());
        assertEquals(Optional.of("debts:read"), e.requiredScope());
    }

    @Pact(consumer = CONSUMER)
    V4Pact missingDebt(PactDslWithProvider builder) {
        return builder.given(STATE_NO_DEBT)
                .uponReceiving("a request for debt zzz999missing, which does not exist")
                .path("/external-api/v1/debts/" + MISSING_DEBT_ID)
                .method("GET")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers("Accept", "application/json")
                .willRespondWith()
                .status(404)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(LambdaDsl.newJsonBody(body -> errorEnvelope(body, 404, "Debt not found")).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "missingDebt")
    void anUnknownDebtIsANotFoundException(MockServer mockServer) {
        GetBillClient client = ContractData.client(mockServer, true);

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.debts().getDebt(MISSING_DEBT_ID));

        assertEquals(404, e.status());
        assertEquals("getDebt", e.operationId());
    }
}
