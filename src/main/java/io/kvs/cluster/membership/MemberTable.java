package io.kvs.cluster.membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * This node's view of the cluster and the SWIM rules that change it. Gossip is merged by {@link MemberState#overrides}.
 * The two timeouts are those of the configuration:
 * <ul>
 *   <li>{@code suspectTimeoutMillis} ({@code member_suspect_timeout}): a member whose probe failed becomes
 *       {@code SUSPECT} only if nothing was heard from it for this long, so a node that is merely slow to answer
 *       one probe is not suspected;</li>
 *   <li>{@code removeTimeoutMillis} ({@code member_remove_timeout}): a suspect that does not refute is declared
 *       {@code DEAD} and drops out of the list once it has been silent this long in all (suspected after
 *       {@code suspectTimeoutMillis}, dead {@code removeTimeoutMillis - suspectTimeoutMillis} later). Dead and
 *       departed members are then remembered, hidden, for another {@code removeTimeoutMillis} so that stale gossip
 *       cannot bring them back at the same incarnation, and forgotten.</li>
 * </ul>
 * News that this node itself is suspect, dead or gone, or alive at a higher incarnation than its own (a previous
 * life before a restart), is refuted by raising its own incarnation above it. After {@link #leave()} the node is
 * on its own: it forgets its peers and merges no more gossip.
 *
 * <p>Thread-safe; every operation is short. Times come from the injected clock.
 */
public final class MemberTable {

    private static final Comparator<MemberEntry> BY_ID = Comparator.comparing(e -> e.member().id());

    private final String selfId;
    private final long suspectTimeoutMillis;
    private final long removeTimeoutMillis;
    private final LongSupplier clock;
    private final RandomGenerator random;
    private final Map<String, MemberEntry> entries = new HashMap<>();

    public MemberTable(MemberState self, long suspectTimeoutMillis, long removeTimeoutMillis, LongSupplier clock,
                       RandomGenerator random) {
        if (self.status() != MemberStatus.ALIVE) {
            throw new IllegalArgumentException("a node starts alive");
        }
        if (suspectTimeoutMillis < 0 || removeTimeoutMillis <= suspectTimeoutMillis) {
            throw new IllegalArgumentException("timeouts must satisfy 0 <= suspect < remove");
        }
        this.selfId = self.id();
        this.suspectTimeoutMillis = suspectTimeoutMillis;
        this.removeTimeoutMillis = removeTimeoutMillis;
        this.clock = clock;
        this.random = random;
        long now = clock.getAsLong();
        entries.put(selfId, new MemberEntry(self, now, now));
    }

    public synchronized MemberState self() {
        return entries.get(selfId).member();
    }

    public synchronized Optional<MemberEntry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /**
     * Merges gossip about any members, this node included. Returns the news that changed this table, plus this
     * node's own refutation when one was needed: what is worth gossiping on.
     */
    public synchronized List<MemberState> merge(Collection<MemberState> updates) {
        List<MemberState> changed = new ArrayList<>();
        if (self().status() == MemberStatus.LEFT) {
            return changed;
        }
        for (MemberState update : updates) {
            MemberState accepted = update.id().equals(selfId) ? refute(update) : mergeOther(update);
            if (accepted != null) {
                changed.add(accepted);
            }
        }
        return changed;
    }

    /** A direct answer from {@code id} (probe ack, gossip it sent): it is reachable now. */
    public synchronized void heardFrom(String id) {
        MemberEntry entry = entries.get(id);
        if (entry != null && !id.equals(selfId)) {
            entries.put(id, new MemberEntry(entry.member(), clock.getAsLong(), entry.statusSince()));
        }
    }

    /**
     * The failure detector could not reach an alive member: it becomes suspect at its current incarnation, unless
     * it answered within the suspect timeout. Returns the suspicion to gossip, if any.
     */
    public synchronized Optional<MemberState> suspect(String id) {
        MemberEntry entry = entries.get(id);
        long now = clock.getAsLong();
        if (id.equals(selfId) || entry == null || entry.member().status() != MemberStatus.ALIVE
                || now - entry.lastSeen() < suspectTimeoutMillis) {
            return Optional.empty();
        }
        MemberState suspect = entry.member().withStatus(MemberStatus.SUSPECT);
        entries.put(id, new MemberEntry(suspect, entry.lastSeen(), now));
        return Optional.of(suspect);
    }

    /**
     * This node departs: its own entry becomes LEFT (the announcement to send to every peer) and it forgets the
     * others; it rejoins only by restarting, with a higher incarnation.
     */
    public synchronized MemberState leave() {
        MemberEntry entry = entries.get(selfId);
        MemberState left = entry.member().withStatus(MemberStatus.LEFT);
        entries.clear();
        entries.put(selfId, new MemberEntry(left, entry.lastSeen(), clock.getAsLong()));
        return left;
    }

    /**
     * Applies the timeouts: suspects silent for the remove timeout become dead (returned, to be gossiped), dead and
     * departed members remembered for the remove timeout are forgotten.
     */
    public synchronized List<MemberState> expire() {
        long now = clock.getAsLong();
        List<MemberState> declaredDead = new ArrayList<>();
        for (MemberEntry entry : List.copyOf(entries.values())) {
            MemberState member = entry.member();
            long inStatus = now - entry.statusSince();
            if (member.id().equals(selfId)) {
                continue;
            }
            if (member.status() == MemberStatus.SUSPECT && inStatus >= removeTimeoutMillis - suspectTimeoutMillis) {
                MemberState dead = member.withStatus(MemberStatus.DEAD);
                entries.put(member.id(), new MemberEntry(dead, entry.lastSeen(), now));
                declaredDead.add(dead);
            } else if (!member.status().isInCluster() && inStatus >= removeTimeoutMillis) {
                entries.remove(member.id());
            }
        }
        return declaredDead;
    }

    /** Everything this node knows, itself and the remembered dead and departed included: the gossip payload. */
    public synchronized List<MemberState> gossip() {
        return entries.values().stream().map(MemberEntry::member).toList();
    }

    /** This node and the alive and suspect members, by id: what {@code GET /members/} lists. */
    public synchronized List<MemberEntry> inCluster() {
        long now = clock.getAsLong();
        return entries.values().stream()
                .filter(e -> e.member().id().equals(selfId) ? e.member().status() != MemberStatus.LEFT
                        : e.member().status().isInCluster())
                .map(e -> e.member().id().equals(selfId) ? new MemberEntry(e.member(), now, e.statusSince()) : e)
                .sorted(BY_ID)
                .toList();
    }

    /** This node, unless it left, and the alive members (the {@code member_count} of {@code /health}). */
    public synchronized int aliveCount() {
        return (self().status() == MemberStatus.LEFT ? 0 : 1) + (int) entries.values().stream()
                .filter(e -> e.member().status() == MemberStatus.ALIVE && !e.member().id().equals(selfId))
                .count();
    }

    /** Other members that {@code eligible} accepts. */
    public synchronized List<MemberState> peers(Predicate<MemberState> eligible) {
        return entries.values().stream()
                .map(MemberEntry::member)
                .filter(m -> !m.id().equals(selfId) && eligible.test(m))
                .toList();
    }

    /** Up to {@code count} other members, chosen uniformly at random among those {@code eligible} accepts. */
    public synchronized List<MemberState> randomPeers(int count, Predicate<MemberState> eligible) {
        List<MemberState> candidates = new ArrayList<>(peers(eligible));
        for (int i = 0; i < Math.min(count, candidates.size()); i++) {
            int j = i + random.nextInt(candidates.size() - i);
            MemberState picked = candidates.get(j);
            candidates.set(j, candidates.get(i));
            candidates.set(i, picked);
        }
        return List.copyOf(candidates.subList(0, Math.min(count, candidates.size())));
    }

    private MemberState mergeOther(MemberState update) {
        MemberEntry known = entries.get(update.id());
        if (known != null && !update.overrides(known.member())) {
            return null;
        }
        long now = clock.getAsLong();
        boolean aliveNews = update.status() == MemberStatus.ALIVE;
        long lastSeen = aliveNews ? now : known == null ? 0 : known.lastSeen();
        boolean sameStatus = known != null && known.member().status() == update.status();
        entries.put(update.id(), new MemberEntry(update, lastSeen, sameStatus ? known.statusSince() : now));
        return update;
    }

    private MemberState refute(MemberState update) {
        MemberState self = entries.get(selfId).member();
        if (self.status() == MemberStatus.LEFT) {
            return null;
        }
        boolean contradicts = update.status() != MemberStatus.ALIVE || update.incarnation() > self.incarnation();
        if (!contradicts || update.incarnation() < self.incarnation()) {
            return null;
        }
        MemberState refuted = self.withIncarnation(update.incarnation() + 1);
        MemberEntry entry = entries.get(selfId);
        entries.put(selfId, new MemberEntry(refuted, entry.lastSeen(), entry.statusSince()));
        return refuted;
    }
}
