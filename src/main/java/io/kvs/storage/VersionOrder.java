package io.kvs.storage;

import java.util.Comparator;

/**
 * The one rule that decides which of two versions of a key wins, identical on every node whatever order they
 * arrive in (SPEC §4): the higher timestamp; on a tie the writer that joined the cluster earliest; then the
 * lexicographically smaller uuid (compared as its canonical lower-case text, not as signed longs).
 */
public final class VersionOrder {

    /** Orders versions from loser to winner: {@code compare(a, b) > 0} means a wins over b. */
    public static final Comparator<Version> WINNER_LAST = Comparator
            .comparingLong(Version::timestamp)
            .thenComparing(Comparator.comparingLong(Version::joinedTimestamp).reversed())
            .thenComparing((Version v) -> v.uuid().toString(), Comparator.reverseOrder());

    private VersionOrder() {
    }

    /** True when {@code candidate} beats {@code incumbent}; a missing incumbent is always beaten. */
    public static boolean wins(Version candidate, Version incumbent) {
        return incumbent == null || WINNER_LAST.compare(candidate, incumbent) > 0;
    }
}
