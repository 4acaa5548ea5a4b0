package io.kvs.cluster.sync;

import java.io.IOException;
import java.util.List;

/** A peer's {@link MerkleTree}, as far as a comparison needs to see it. Each call is one request to the peer. */
public interface RemoteTree {

    NodeHash root() throws IOException, InterruptedException;

    /** The {@link MerkleTree#FANOUT} children of each of {@code parents}, parent by parent, each in path order. */
    List<NodeHash> children(List<String> parents) throws IOException, InterruptedException;

    /** The versions held in each of {@code leaves}, in any order. */
    List<KeyVersion> entries(List<String> leaves) throws IOException, InterruptedException;
}
