package io.kvs.storage;

import java.util.UUID;

/** A condition checked atomically with a write, against the key's live version (HTTP If-Match / If-None-Match: *). */
public sealed interface Precondition {

    Precondition NONE = new None();
    Precondition ABSENT = new Absent();

    /** Always holds. */
    record None() implements Precondition {
    }

    /** Holds when no live value exists (If-None-Match: *). */
    record Absent() implements Precondition {
    }

    /** Holds when the live version has this uuid (If-Match). */
    record Matches(UUID uuid) implements Precondition {
    }
}
