package io.kvs.auth.tokens;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What is known about a token once it is issued or verified: its claims, never the token text. This is also what
 * the token registry ({@link io.kvs.auth.ReservedKeys#token(UUID)}) stores, so that a revocation knows when it can
 * be forgotten.
 *
 * @param issuedAt  Unix ms (whole seconds, as JWT dates are)
 * @param expiresAt Unix ms (whole seconds)
 */
public record IssuedToken(UUID jti, UUID userUuid, Set<Scope> scopes, long issuedAt, long expiresAt) {

    public IssuedToken {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(userUuid, "userUuid");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }
}
