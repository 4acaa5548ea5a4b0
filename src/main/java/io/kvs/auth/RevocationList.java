package io.kvs.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The revoked token ids, fed from the store like {@link Directory}; consulted on every authenticated request. */
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

    /** Revocations of tokens that expired by {@code nowMillis}: no longer needed, since expiry alone refuses them. */
    public List<Revocation> expired(long nowMillis) {
        return revoked.values().stream().filter(r -> r.expiresAt() <= nowMillis).toList();
    }
}
