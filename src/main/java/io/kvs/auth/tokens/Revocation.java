package io.kvs.auth.tokens;

import java.util.Objects;
import java.util.UUID;

/**
 * A revoked token id. {@code expiresAt} is the token's own expiry (Unix ms): after it the token is dead anyway, so
 * the revocation can be forgotten.
 */
public record Revocation(UUID jti, long expiresAt) {

    public Revocation {
        Objects.requireNonNull(jti, "jti");
    }
}
