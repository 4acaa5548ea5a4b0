package io.kvs.storage;

import java.util.List;

/**
 * What {@link Store#changesAfter} found after a sequence.
 *
 * @param changes the changes, in apply order (empty when there are none yet, or on a reset)
 * @param cursor  the sequence to ask after next time: the last change's, or a later point up to which the feed has
 *                looked (changes are numbered sparsely, so a caller keeps this rather than the last change's)
 * @param reset   the sequence asked after is older than this node still holds (compaction has rewritten that part of
 *                the log), or is not one this node gave out: changes were lost, re-read the keys instead; the
 *                cursor is then the newest change, to go on from once the keys are re-read
 * @param oldest  on a reset, the oldest sequence this node can still resume after
 * @param fromLog the changes were read back from the log: the caller is further behind than the feed keeps in memory
 */
public record ChangePage(List<Change> changes, long cursor, boolean reset, long oldest, boolean fromLog) {

    static ChangePage recent(List<Change> changes, long cursor) {
        return new ChangePage(List.copyOf(changes), cursor, false, 0, false);
    }

    static ChangePage logged(List<Change> changes, long cursor) {
        return new ChangePage(List.copyOf(changes), cursor, false, 0, true);
    }

    static ChangePage reset(long oldest, long newest) {
        return new ChangePage(List.of(), newest, true, oldest, false);
    }
}
