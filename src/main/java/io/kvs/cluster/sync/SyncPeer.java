package io.kvs.cluster.sync;

import io.kvs.storage.StoredValue;

import java.io.IOException;
import java.util.List;

/** A peer as anti-entropy needs it: its tree, plus moving whole versions either way. */
public interface SyncPeer extends RemoteTree {

    /** The peer's current versions of {@code keys}, with data (tombstones without); keys it lacks are left out. */
    List<StoredValue> fetch(List<String> keys) throws IOException, InterruptedException;

    /** Hands versions to the peer, which applies each one that wins there. */
    void push(List<StoredValue> versions) throws IOException, InterruptedException;
}
