package io.kvs.node;

/** What this node lets clients do (SPEC §4, §5), with the name {@code /health} reports. */
public enum Mode {
    /** Reads and writes. */
    NORMAL("normal"),
    /** Reads only; replicated writes from peers are still applied ({@code read_only: true}). */
    READ_ONLY("read-only"),
    /** Joining: fetching the cluster's data, client writes wait. */
    SYNCING("syncing");

    private final String wireName;

    Mode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
