package io.kvs.cluster.membership;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static io.kvs.cluster.membership.MemberStatus.ALIVE;
import static io.kvs.cluster.membership.MemberTableTest.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ProbeRotationTest {

    private final ProbeRotation rotation = new ProbeRotation(new Random(3));

    @Test
    void everyMemberIsProbedOncePerRound() {
        List<MemberState> members = members("a", "b", "c", "d");
        for (int round = 0; round < 5; round++) {
            List<String> probed = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                probed.add(rotation.next(members).orElseThrow().id());
            }
            assertEquals(List.of("a", "b", "c", "d"), probed.stream().sorted().toList());
        }
    }

    @Test
    void theOrderIsShuffledFromRoundToRound() {
        List<MemberState> members = members("a", "b", "c", "d", "e", "f");
        List<List<String>> rounds = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            List<String> order = new ArrayList<>();
            members.forEach(m -> order.add(rotation.next(members).orElseThrow().id()));
            rounds.add(order);
        }
        assertNotEquals(1, rounds.stream().distinct().count());
    }

    @Test
    void membersThatLeftTheProbeableSetAreSkipped() {
        List<MemberState> before = members("a", "b");
        String first = rotation.next(before).orElseThrow().id();
        String other = first.equals("a") ? "b" : "a";

        List<MemberState> after = members(first, "c");
        List<String> next = List.of(rotation.next(after).orElseThrow().id(), rotation.next(after).orElseThrow().id());

        assertEquals(Set.of(first, "c"), Set.copyOf(next));
    }

    @Test
    void nothingToProbeWhenAlone() {
        assertEquals(Optional.empty(), rotation.next(List.of()));
    }

    private static List<MemberState> members(String... ids) {
        return List.of(ids).stream().map(id -> member(id, 0, ALIVE)).toList();
    }
}
