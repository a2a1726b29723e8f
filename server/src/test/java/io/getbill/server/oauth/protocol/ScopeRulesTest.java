package io.getbill.server.oauth.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScopeRulesTest {

    private static final Scope REGISTERED = Scope.parse("debts:read debts:write company:read");

    private static void assertInvalidScope(String requested, Scope allowed) {
        OAuthException e = assertThrows(OAuthException.class, () -> ScopeRules.narrow(requested, allowed));
        assertEquals(OAuthErrorCode.INVALID_SCOPE, e.error());
    }

    @Test
    void absentOrEmptyScopeGrantsEverythingAllowed() {
        assertEquals(REGISTERED, ScopeRules.narrow(null, REGISTERED));
        assertEquals(REGISTERED, ScopeRules.narrow("", REGISTERED));
    }

    @Test
    void subsetIsGrantedExactly() {
        assertEquals(Scope.parse("company:read"), ScopeRules.narrow("company:read", REGISTERED));
    }

    @Test
    void anyUnknownOrDisallowedScopeRefusesTheWholeRequest() {
        assertInvalidScope("debts:read admin", REGISTERED);
        assertInvalidScope("debts:read users:read", REGISTERED);
        assertInvalidScope("debts:read  company:read", REGISTERED);
    }

    @Test
    void nothingAllowedIsInvalidScope() {
        assertInvalidScope(null, Scope.parse(""));
    }
}
