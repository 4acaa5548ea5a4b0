package io.kvs.cluster.membership;

import io.kvs.config.KvsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The members of the cluster this node knows of; for now this node alone, always alive. */
@ApplicationScoped
public class Membership {

    private KvsConfig config;
    private NodeIdentity identity;

    @Inject
    public Membership(KvsConfig config, NodeIdentity identity) {
        this.config = config;
        this.identity = identity;
    }

    protected Membership() {
    }

    public List<Member> members() {
        return List.of(self());
    }

    /** Alive members, this node included. */
    public int aliveCount() {
        return (int) members().stream().filter(member -> Member.ALIVE.equals(member.status())).count();
    }

    private Member self() {
        return new Member(identity.nodeId(), config.bindAddress() + ":" + config.port(), System.currentTimeMillis(),
                identity.joinedTimestamp(), Member.ALIVE);
    }
}
