package io.kvs.auth.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void wireNamesAreLowerCase() {
        assertEquals(List.of("read", "write", "admin"), Arrays.stream(Scope.values()).map(Scope::wireName).toList());
        assertEquals(Optional.of(Scope.ADMIN), Scope.fromWireName("admin"));
        assertEquals(Optional.empty(), Scope.fromWireName("ADMIN"));
    }

    @Test
    void parseAllAcceptsKnownScopesAndDuplicates() {
        assertEquals(Set.of(Scope.READ, Scope.WRITE), Scope.parseAll(List.of("read", "write", "read")));
    }

    @Test
    void parseAllRefusesUnknownEmptyAndNull() {
        assertEquals("unknown scope: superuser (known: read, write, admin)",
                assertThrows(IllegalArgumentException.class, () -> Scope.parseAll(List.of("read", "superuser"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scope.parseAll(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Scope.parseAll(null));
        assertThrows(IllegalArgumentException.class, () -> Scope.parseAll(Arrays.asList("read", null)));
    }

    @Test
    void adminGrantsEveryScopeAndOthersOnlyThemselves() {
        for (Scope needed : Scope.values()) {
            assertTrue(Scope.grants(Set.of(Scope.ADMIN), needed));
        }
        assertTrue(Scope.grants(Set.of(Scope.READ), Scope.READ));
        assertFalse(Scope.grants(Set.of(Scope.READ), Scope.WRITE));
        assertFalse(Scope.grants(Set.of(Scope.WRITE), Scope.READ));
        assertFalse(Scope.grants(Set.of(Scope.READ, Scope.WRITE), Scope.ADMIN));
    }
}
