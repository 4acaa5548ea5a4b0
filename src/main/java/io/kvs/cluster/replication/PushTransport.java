package io.kvs.cluster.replication;

import io.kvs.storage.StoredValue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Delivers a batch of versions to one peer, which applies each one that wins there. */
@FunctionalInterface
public interface PushTransport {

    /** Completes normally once the peer has taken the whole batch, exceptionally when it may not have. */
    CompletableFuture<Void> push(String peerId, List<StoredValue> batch);
}
