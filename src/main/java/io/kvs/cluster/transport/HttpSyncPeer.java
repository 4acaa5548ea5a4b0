package io.kvs.cluster.transport;

import io.kvs.cluster.replication.VersionCodec;
import io.kvs.cluster.sync.KeyVersion;
import io.kvs.cluster.sync.NodeHash;
import io.kvs.cluster.sync.SyncPeer;
import io.kvs.storage.StoredValue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link SyncPeer} over HTTP. Waits {@code throttleDelay} before each tree request and {@code fetchDelay} before
 * each transfer of versions ({@code throttle_delay_ms}, {@code fetch_delay_ms}), so that a large repair or a
 * bootstrap does not starve the peer's clients.
 */
public final class HttpSyncPeer implements SyncPeer {

    public static final String ROOT_PATH = "/sync/merkle/root";
    public static final String CHILDREN_PATH = "/sync/merkle/children";
    public static final String ENTRIES_PATH = "/sync/merkle/entries";
    public static final String FETCH_PATH = "/sync/versions/fetch";

    private final NodeClient client;
    private final String address;
    private final Duration timeout;
    private final Duration throttleDelay;
    private final Duration fetchDelay;
    private final int maxCount;
    private final int maxDataBytes;

    /** @param maxCount and {@code maxDataBytes} bound what a fetch answer may hold (see {@link VersionCodec}) */
    public HttpSyncPeer(NodeClient client, String address, Duration timeout, Duration throttleDelay,
                        Duration fetchDelay, int maxCount, int maxDataBytes) {
        this.client = client;
        this.address = address;
        this.timeout = timeout;
        this.throttleDelay = throttleDelay;
        this.fetchDelay = fetchDelay;
        this.maxCount = maxCount;
        this.maxDataBytes = maxDataBytes;
    }

    @Override
    public NodeHash root() throws IOException, InterruptedException {
        byte[] answer = tree("GET", ROOT_PATH, null);
        return parsed(() -> ClusterJson.root(answer));
    }

    @Override
    public List<NodeHash> children(List<String> parents) throws IOException, InterruptedException {
        byte[] answer = tree("POST", CHILDREN_PATH, ClusterJson.strings("paths", parents));
        return parsed(() -> ClusterJson.nodes(answer));
    }

    @Override
    public List<KeyVersion> entries(List<String> leaves) throws IOException, InterruptedException {
        byte[] answer = tree("POST", ENTRIES_PATH, ClusterJson.strings("paths", leaves));
        return parsed(() -> ClusterJson.entries(answer));
    }

    @Override
    public List<StoredValue> fetch(List<String> keys) throws IOException, InterruptedException {
        Thread.sleep(fetchDelay.toMillis());
        byte[] answer = client.sendAndWait(address, "POST", FETCH_PATH, ClusterJson.strings("keys", keys),
                NodeClient.JSON, timeout);
        return VersionCodec.fromBytes(answer, maxCount, maxDataBytes);
    }

    @Override
    public void push(List<StoredValue> versions) throws IOException, InterruptedException {
        Thread.sleep(fetchDelay.toMillis());
        client.sendAndWait(address, "POST", HttpPushTransport.VERSIONS_PATH, VersionCodec.toBytes(versions),
                VersionCodec.MEDIA_TYPE, timeout);
    }

    private byte[] tree(String method, String path, byte[] body) throws IOException, InterruptedException {
        Thread.sleep(throttleDelay.toMillis());
        return client.sendAndWait(address, method, path, body, NodeClient.JSON, timeout);
    }

    /** A peer answering a body this node cannot read is a failed exchange, like an unreachable one. */
    private static <T> T parsed(Supplier<T> parse) throws IOException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IOException("unreadable answer from peer: " + e.getMessage(), e);
        }
    }
}
