package io.kvs.auth.tokens;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revoked token ids, fed from the store like {@link io.kvs.auth.accounts.Directory}; consulted on every
 * authenticated request.
 */
public final class RevocationList {

    private final Map<UUID, Revocation> revoked = new ConcurrentHashMap<>();

    public void add(Revocation revocation) {
        revoked.put(revocation.jti(), revocation);
    }

    public void remove(UUID jti) {
        revoked.remove(jti);
    }

    public boolean isRevoked(UUID jti) {
        return revoked.containsKey(jti);
    }
}
