package io.kvs.cluster.membership;

import java.util.List;

/** One gossip message, either way of an exchange: who sends it and everything it knows of the members. */
public record Gossip(String from, List<MemberState> members) {

    public Gossip {
        members = List.copyOf(members);
    }
}
