package io.kvs.auth.permissions;

import io.kvs.auth.tokens.Caller;
import java.util.UUID;

/**
 * Ownership and permissions of one key, stored beside it under {@link io.kvs.auth.ReservedKeys#metadata(String)}.
 *
 * @param ownerUuid   the owning user, null when nobody owns the key (written anonymously or before auth was on)
 * @param groupUuid   the key's group, null for none
 * @param permissions 12 bits: owner 11–8, group 7–4, others 3–0; create 8, delete 4, write 2, read 1 in each
 * @param createdAt   Unix ms
 * @param updatedAt   Unix ms of the last metadata change
 */
public record KeyMetadata(UUID ownerUuid, UUID groupUuid, int permissions, long createdAt, long updatedAt) {

    public KeyMetadata {
        Permissions.requireValid(permissions);
    }

    /** What a key gets when {@code writer} creates it: writer as owner, their first group, the default bits. */
    public static KeyMetadata forNewKey(Caller writer, int defaultPermissions, long now) {
        return new KeyMetadata(writer.user(), writer.firstGroup().orElse(null), defaultPermissions, now, now);
    }

    /**
     * Metadata for a live key that has none of its own (written before auth was enabled, or its metadata has not
     * replicated here yet): nobody owns it, so only the others bits and admins reach it.
     */
    public static KeyMetadata ownerless(int defaultPermissions, long createdAt) {
        return new KeyMetadata(null, null, defaultPermissions, createdAt, createdAt);
    }

    public KeyMetadata withOwner(UUID owner, long now) {
        return new KeyMetadata(owner, groupUuid, permissions, createdAt, now);
    }

    public KeyMetadata withGroup(UUID group, long now) {
        return new KeyMetadata(ownerUuid, group, permissions, createdAt, now);
    }

    public KeyMetadata withPermissions(int bits, long now) {
        return new KeyMetadata(ownerUuid, groupUuid, bits, createdAt, now);
    }
}
