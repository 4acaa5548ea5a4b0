package io.kvs.cluster.membership;

/**
 * What this node knows of one member: the gossiped {@link MemberState}, when this node last had news that it is alive
 * ({@code lastSeen}, Unix ms: a direct answer, or an accepted "alive" announcement), and since when its status holds
 * on this node, which drives the suspect and remove timeouts.
 */
public record MemberEntry(MemberState member, long lastSeen, long statusSince) {
}
