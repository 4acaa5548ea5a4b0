package io.kvs.auth.tokens;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a token allows (SPEC §3 Scopes). {@code admin} holds the other two as well. */
public enum Scope {
    READ, WRITE, ADMIN;

    /** The name used in tokens and request bodies. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** Parses a non-empty list of wire names; an unknown or null name fails naming it. */
    public static Set<Scope> parseAll(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("scopes must be a non-empty list of read, write, admin");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            scopes.add(fromWireName(name).orElseThrow(
                    () -> new IllegalArgumentException("unknown scope: " + name + " (known: read, write, admin)")));
        }
        return scopes;
    }

    /** Whether {@code held} satisfies a requirement of {@code needed}. */
    public static boolean grants(Set<Scope> held, Scope needed) {
        return held.contains(needed) || held.contains(ADMIN);
    }
}
