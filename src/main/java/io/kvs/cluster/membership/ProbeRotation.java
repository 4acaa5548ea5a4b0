package io.kvs.cluster.membership;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which member to probe next: every probeable member once per round, in an order shuffled anew each round (as SWIM
 * prescribes), so a failed member is probed within one round of {@code members} ticks rather than after a random
 * wait with no bound. Members that joined during a round are probed in the next one.
 */
public final class ProbeRotation {

    private final Random random;
    private final Deque<String> round = new ArrayDeque<>();

    public ProbeRotation(Random random) {
        this.random = random;
    }

    /** The next member to probe among {@code probeable} (the current alive and suspect peers), if any. */
    public synchronized Optional<MemberState> next(List<MemberState> probeable) {
        Map<String, MemberState> byId = probeable.stream()
                .collect(Collectors.toMap(MemberState::id, Function.identity()));
        for (int attempt = 0; attempt < 2; attempt++) {
            while (!round.isEmpty()) {
                MemberState member = byId.get(round.poll());
                if (member != null) {
                    return Optional.of(member);
                }
            }
            List<String> ids = new ArrayList<>(byId.keySet());
            Collections.sort(ids);
            Collections.shuffle(ids, random);
            round.addAll(ids);
        }
        return Optional.empty();
    }
}
