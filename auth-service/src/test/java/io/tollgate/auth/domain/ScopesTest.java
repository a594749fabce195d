package io.tollgate.auth.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScopesTest {
    private static final Set<String> ALLOWED = Set.of("sql", "catalog");

    @Test
    void noRequestedScopeGrantsEverythingAllowed() throws Exception {
        assertEquals(ALLOWED, Scopes.grant(Scopes.parse(null), ALLOWED));
        assertEquals(ALLOWED, Scopes.grant(Scopes.parse("  "), ALLOWED));
        assertEquals(ALLOWED, Scopes.grant(Scopes.of(List.of()), ALLOWED));
    }

    @Test
    void requestedScopesAreIntersectedWithTheAllowedOnes() throws Exception {
        assertEquals(Set.of("sql"), Scopes.grant(Scopes.parse("sql admin"), ALLOWED));
        assertEquals(Set.of("sql", "catalog"), Scopes.grant(Scopes.parse(" catalog  sql "), ALLOWED));
    }

    @Test
    void nothingLeftAfterTheIntersectionIsInvalidScope() {
        assertThrows(InvalidScopeException.class, () -> Scopes.grant(Scopes.parse("admin"), ALLOWED));
        assertThrows(InvalidScopeException.class, () -> Scopes.grant(Optional.empty(), Set.of()));
    }

    @Test
    void scopeTokensOutsideRfc6749sAlphabetAreRefused() {
        assertThrows(InvalidScopeException.class, () -> Scopes.parse("sql \"quoted\""));
        assertThrows(InvalidScopeException.class, () -> Scopes.parse("back\\slash"));
        assertThrows(InvalidScopeException.class, () -> Scopes.of(List.of("tab\there")));
        assertThrows(InvalidScopeException.class, () -> Scopes.parse("x".repeat(65)));
    }
}
