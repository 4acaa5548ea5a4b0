package io.kvs.auth.tokens;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is making a request, as far as authorisation cares.
 *
 * @param user   the token's subject, null for an anonymous request
 * @param groups the groups the user belongs to, the one they joined first leading (it becomes a new key's group)
 * @param scopes what the token grants; for an anonymous request, what the anonymous toggles grant
 */
public record Caller(UUID user, List<UUID> groups, Set<Scope> scopes) {

    public Caller {
        groups = List.copyOf(groups);
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public static Caller anonymous(Set<Scope> scopes) {
        return new Caller(null, List.of(), scopes);
    }

    public boolean isAnonymous() {
        return user == null;
    }

    public boolean isAdmin() {
        return scopes.contains(Scope.ADMIN);
    }

    public boolean holds(Scope scope) {
        return Scope.grants(scopes, scope);
    }

    public Optional<UUID> firstGroup() {
        return groups.stream().findFirst();
    }
}
