package io.kvs.storage;

import java.util.Set;
import java.util.UUID;

/**
 * A condition checked atomically with a write, against the key's live version (HTTP If-Match / If-None-Match: *).
 * Each says whether it holds for a live version ({@link #holdsForLive}) and for no live value
 * ({@link #holdsForAbsent}: only for no condition and If-None-Match: *).
 */
public sealed interface Precondition {

    Precondition NONE = new None();
    Precondition ABSENT = new Absent();
    Precondition EXISTS = new Exists();

    boolean holdsForLive(UUID live);

    default boolean holdsForAbsent() {
        return false;
    }

    /** Always holds. */
    record None() implements Precondition {
        @Override
        public boolean holdsForLive(UUID live) {
            return true;
        }

        @Override
        public boolean holdsForAbsent() {
            return true;
        }
    }

    /** Holds when no live value exists (If-None-Match: *). */
    record Absent() implements Precondition {
        @Override
        public boolean holdsForLive(UUID live) {
            return false;
        }

        @Override
        public boolean holdsForAbsent() {
            return true;
        }
    }

    /** Holds when a live value exists, whatever its version (If-Match: *). */
    record Exists() implements Precondition {
        @Override
        public boolean holdsForLive(UUID live) {
            return true;
        }

    }

    /** Holds when the live version has this uuid (If-Match). */
    record Matches(UUID uuid) implements Precondition {
        @Override
        public boolean holdsForLive(UUID live) {
            return uuid.equals(live);
        }

    }

    /**
     * Holds when the live version has one of these uuids: an If-Match that lists several tags. Empty when no listed
     * tag can be a version (a weak tag, or one that is not a uuid), and then it never holds.
     */
    record MatchesAny(Set<UUID> uuids) implements Precondition {
        public MatchesAny {
            uuids = Set.copyOf(uuids);
        }

        @Override
        public boolean holdsForLive(UUID live) {
            return uuids.contains(live);
        }

    }
}
