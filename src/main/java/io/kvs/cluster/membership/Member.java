package io.kvs.cluster.membership;

/**
 * One member of the cluster as {@code GET /members/} shows it (SPEC §4).
 *
 * @param address  host:port its peers and clients reach it at
 * @param lastSeen Unix ms of the last sign of life
 * @param status   {@value #ALIVE}, or {@code suspect} while peers cannot reach it
 */
public record Member(String id, String address, long lastSeen, long joinedTimestamp, String status) {

    public static final String ALIVE = "alive";
}
