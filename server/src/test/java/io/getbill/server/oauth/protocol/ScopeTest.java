package io.getbill.server.oauth.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTest {

    @Test
    void parsesSpaceDelimitedTokensInOrderWithoutDuplicates() {
        Scope scope = Scope.parse("debts:read company:read debts:read");
        assertEquals(List.of("debts:read", "company:read"), List.copyOf(scope.tokens()));
        assertEquals("debts:read company:read", scope.toString());
    }

    @Test
    void nullOrEmptyIsEmpty() {
        assertTrue(Scope.parse(null).isEmpty());
        assertTrue(Scope.parse("").isEmpty());
    }

    @Test
    void malformedSyntaxIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("a  b"));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse(" a"));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("a "));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("a\"b"));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("a\\b"));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("a\tb"));
    }

    @Test
    void subsetAndDifference() {
        Scope registered = Scope.parse("debts:read debts:write company:read");
        assertTrue(Scope.parse("company:read debts:read").isSubsetOf(registered));
        assertFalse(Scope.parse("debts:read users:read").isSubsetOf(registered));
        assertEquals(Set.of("users:read"), Scope.parse("debts:read users:read").minus(registered));
        assertTrue(Scope.parse("").isSubsetOf(registered));
    }

    @Test
    void unknownTokensAreThoseOutsideTheContract() {
        assertEquals(Set.of("admin"), Scope.parse("debts:read admin").unknown());
        assertTrue(Scope.of(Scope.ALL).unknown().isEmpty());
        assertEquals(12, Scope.ALL.size());
    }

    @Test
    void intersectKeepsThisScopesOrder() {
        assertEquals("company:read debts:read",
                Scope.parse("company:read users:read debts:read").intersect(Scope.parse("debts:read company:read")).toString());
    }

    @Test
    void equalityIgnoresOrder() {
        assertEquals(Scope.parse("a:b c:d"), Scope.parse("c:d a:b"));
    }

    @Test
    void lenientParsingAcceptsStoredValues() {
        assertEquals("a:b c:d", Scope.parseLenient("  a:b   c:d ").toString());
    }
}
