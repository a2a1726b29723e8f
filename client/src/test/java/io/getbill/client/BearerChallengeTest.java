package io.getbill.client;

import io.getbill.client.errors.BearerChallenge;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerChallengeTest {

    @Test
    void invalidTokenChallengeIsReadWithQuotedValuesAndEscapes() {
        BearerChallenge challenge = BearerChallenge.parse(
                "Bearer realm=\"getbill\", error=\"invalid_token\", error_description=\"The \\\"access\\\" token, expired\"").orElseThrow();

        assertTrue(challenge.isInvalidToken());
        assertEquals(Optional.of("getbill"), challenge.realm());
        assertEquals(Optional.of("The \"access\" token, expired"), challenge.errorDescription());
    }

    @Test
    void insufficientScopeChallengeNamesTheScopes() {
        BearerChallenge challenge = BearerChallenge.parse(
                "bearer realm=\"getbill\",error=insufficient_scope, scope=\"debts:write debts:read\"").orElseThrow();

        assertEquals(Optional.of(BearerChallenge.INSUFFICIENT_SCOPE), challenge.error());
        assertEquals(List.of("debts:write", "debts:read"), challenge.scopes());
        assertFalse(challenge.isInvalidToken());
    }

    @Test
    void theBearerChallengeIsFoundAfterAnotherSchemeAndOtherSchemesParamsAreIgnored() {
        BearerChallenge challenge = BearerChallenge.parse(
                "Basic realm=\"other\", error=\"x\", Bearer realm=\"getbill\", error=\"invalid_token\", Negotiate abc==").orElseThrow();

        assertEquals(Optional.of("getbill"), challenge.realm());
        assertTrue(challenge.isInvalidToken());
    }

    @Test
    void aChallengeWithoutErrorMeansNoTokenWasSent() {
        BearerChallenge challenge = BearerChallenge.parse("Bearer realm=\"getbill\"").orElseThrow();

        assertEquals(Optional.empty(), challenge.error());
        assertEquals(List.of(), challenge.scopes());
    }

    @Test
    void aHeaderWithoutBearerGivesNothing() {
        assertEquals(Optional.empty(), BearerChallenge.parse("Basic realm=\"getbill\""));
        assertEquals(Optional.empty(), BearerChallenge.parse(""));
    }
}
