package io.kvs.cluster.sync;

import io.kvs.storage.VersionOrder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to move after comparing the versions two nodes hold for the same keys: {@code pull} lists the peer's versions
 * that beat ours (or that we lack), {@code push} ours that beat the peer's. Both sides apply only winners, so
 * carrying out a plan twice, or racing with push replication, changes nothing.
 */
public record SyncPlan(List<KeyVersion> pull, List<KeyVersion> push) {

    public static final SyncPlan NOTHING = new SyncPlan(List.of(), List.of());

    public SyncPlan {
        pull = List.copyOf(pull);
        push = List.copyOf(push);
    }

    /**
     * Compares the two sides' versions key by key under {@link VersionOrder}. A tombstone written before
     * {@code tombstoneCutoff} is not offered to a side that has nothing for the key: that side has already purged
     * it, and shipping it back would only resurrect a tombstone that every node is about to forget.
     */
    public static SyncPlan between(Collection<KeyVersion> local, Collection<KeyVersion> remote, long tombstoneCutoff) {
        Map<String, KeyVersion[]> byKey = new TreeMap<>();
        local.forEach(v -> byKey.computeIfAbsent(v.key(), k -> new KeyVersion[2])[0] = v);
        remote.forEach(v -> byKey.computeIfAbsent(v.key(), k -> new KeyVersion[2])[1] = v);
        List<KeyVersion> pull = new ArrayList<>();
        List<KeyVersion> push = new ArrayList<>();
        for (KeyVersion[] pair : byKey.values()) {
            KeyVersion ours = pair[0];
            KeyVersion theirs = pair[1];
            if (beats(theirs, ours, tombstoneCutoff)) {
                pull.add(theirs);
            } else if (beats(ours, theirs, tombstoneCutoff)) {
                push.add(ours);
            }
        }
        return pull.isEmpty() && push.isEmpty() ? NOTHING : new SyncPlan(pull, push);
    }

    public boolean isEmpty() {
        return pull.isEmpty() && push.isEmpty();
    }

    /** This plan followed by {@code next}. */
    public SyncPlan plus(SyncPlan next) {
        if (next.isEmpty()) {
            return this;
        }
        List<KeyVersion> allPull = new ArrayList<>(pull);
        allPull.addAll(next.pull);
        List<KeyVersion> allPush = new ArrayList<>(push);
        allPush.addAll(next.push);
        return new SyncPlan(allPull, allPush);
    }

    private static boolean beats(KeyVersion candidate, KeyVersion incumbent, long tombstoneCutoff) {
        if (candidate == null) {
            return false;
        }
        if (incumbent == null) {
            return !(candidate.tombstone() && candidate.version().timestamp() < tombstoneCutoff);
        }
        return VersionOrder.wins(candidate.version(), incumbent.version());
    }
}
