package io.kvs.auth.permissions;

import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.Scope;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The 12-bit key permission arithmetic and the rules built on it (SPEC §3 Key permissions): owner bits 11–8,
 * group bits 7–4, others bits 3–0; in each class create 8, delete 4, write 2, read 1. As in POSIX a caller falls in
 * exactly one class (owner before group before others), so an owner whose own bits are narrower than the others'
 * gets only the owner bits. Admin callers bypass every key permission.
 */
public final class Permissions {

    /** Every bit of every class. */
    public static final int ALL = 0xFFF;

    private Permissions() {
    }

    /**
     * Parses {@code "0xF11"} (hexadecimal, either case) or a decimal such as {@code "3857"}; fails with a message
     * fit for a 400 answer when it is neither or is outside 0..0xFFF.
     */
    public static int parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("permissions must be 0x000..0xFFF, e.g. \"0xF11\"");
        }
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        boolean hex = lower.startsWith("0x");
        String digits = hex ? lower.substring(2) : lower;
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> Character.digit(c, hex ? 16 : 10) >= 0)) {
            throw new IllegalArgumentException("permissions must be 0x000..0xFFF, e.g. \"0xF11\", not \"" + trimmed + "\"");
        }
        return requireValid(Integer.parseInt(digits, hex ? 16 : 10));
    }

    /** Returns {@code bits} when it is a 12-bit value, else fails with a message fit for a 400 answer. */
    public static int requireValid(long bits) {
        if (bits < 0 || bits > ALL) {
            throw new IllegalArgumentException("permissions must be 0x000..0xFFF, got " + bits);
        }
        return (int) bits;
    }

    /** The single class {@code caller} falls in for a key with {@code meta}. */
    public static PermissionClass classOf(KeyMetadata meta, Caller caller) {
        if (caller.isAnonymous()) {
            return PermissionClass.OTHERS;
        }
        if (caller.user().equals(meta.ownerUuid())) {
            return PermissionClass.OWNER;
        }
        if (meta.groupUuid() != null && caller.groups().contains(meta.groupUuid())) {
            return PermissionClass.GROUP;
        }
        return PermissionClass.OTHERS;
    }

    /** Whether {@code caller} may do {@code operation} on an existing key with {@code meta}. */
    public static boolean allows(KeyMetadata meta, Caller caller, Operation operation) {
        if (caller.isAdmin()) {
            return true;
        }
        return (classOf(meta, caller).bitsOf(meta.permissions()) & operation.bit()) != 0;
    }

    /**
     * Whether an overwrite may bring a key's end closer (a ttl on a key that had none, or a shorter one): that is a
     * delayed delete, so it needs {@code delete} or ownership, not just {@code write}; otherwise a writer could let a
     * key lapse and re-create it as its own.
     *
     * @param currentExpiresAt the live value's expiry, 0 for never
     * @param newExpiresAt     the overwrite's expiry, 0 for never
     */
    public static boolean mayOverwriteExpiry(KeyMetadata meta, Caller caller, long currentExpiresAt,
                                             long newExpiresAt) {
        boolean shortens = newExpiresAt != 0 && (currentExpiresAt == 0 || newExpiresAt < currentExpiresAt);
        return !shortens || allows(meta, caller, Operation.DELETE)
                || classOf(meta, caller) == PermissionClass.OWNER;
    }

    /**
     * The create rule: making a new {@code key} needs {@code create} on the nearest existing ancestor key
     * ({@code home/john} governs {@code home/john/notes}); with no existing ancestor the write scope suffices.
     *
     * @param liveMetadataOf the metadata of a key when it is live, empty when it does not exist
     */
    public static boolean mayCreate(String key, Caller caller, Function<String, Optional<KeyMetadata>> liveMetadataOf) {
        if (caller.isAdmin()) {
            return true;
        }
        for (Optional<String> ancestor = parentOf(key); ancestor.isPresent(); ancestor = parentOf(ancestor.get())) {
            Optional<KeyMetadata> meta = liveMetadataOf.apply(ancestor.get());
            if (meta.isPresent()) {
                return allows(meta.get(), caller, Operation.CREATE);
            }
        }
        return caller.holds(Scope.WRITE);
    }

    /** {@code a/b} for {@code a/b/c}; empty for a single-segment key. */
    public static Optional<String> parentOf(String key) {
        int slash = key.lastIndexOf('/');
        return slash > 0 ? Optional.of(key.substring(0, slash)) : Optional.empty();
    }
}
