package io.kvs.cluster.sync;

/**
 * The outcome of one anti-entropy round with one peer.
 *
 * @param peerId      who this node compared with
 * @param localRoot   this node's root hash when the round ended
 * @param peerRoot    the peer's root hash when the round ended
 * @param equal       whether the two roots were equal when the round ended
 * @param pulled      versions taken from the peer that won here
 * @param pushed      versions handed to the peer
 * @param finishedAt  Unix ms
 */
public record SyncRound(String peerId, String localRoot, String peerRoot, boolean equal, int pulled, int pushed,
                        long finishedAt) {

    public int keysRepaired() {
        return pulled + pushed;
    }
}
