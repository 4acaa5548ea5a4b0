package io.kvs.storage;

import java.util.List;

/**
 * One page of a one-level listing under a prefix ({@link Store#level}): the keys directly under it, and the next
 * level's prefixes with how many live keys each holds; {@code nextStartKey} continues it, null when it is complete.
 */
public record LevelPage(List<StoredValue> items, List<PrefixCount> prefixes, String nextStartKey) {

    /** A prefix one level down (it ends with the separator) and the number of live keys below it. */
    public record PrefixCount(String prefix, long keys) {
    }
}
