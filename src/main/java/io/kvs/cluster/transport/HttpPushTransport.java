package io.kvs.cluster.transport;

import io.kvs.cluster.replication.PushTransport;
import io.kvs.cluster.replication.VersionCodec;
import io.kvs.storage.StoredValue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** {@link PushTransport} over HTTP: a {@link VersionCodec} body to {@value #VERSIONS_PATH} on the peer. */
public final class HttpPushTransport implements PushTransport {

    public static final String VERSIONS_PATH = "/sync/versions";

    private final NodeClient client;
    private final Function<String, Optional<String>> addressOf;
    private final Duration timeout;

    /** @param addressOf the current address of a member, empty when it is no longer known */
    public HttpPushTransport(NodeClient client, Function<String, Optional<String>> addressOf, Duration timeout) {
        this.client = client;
        this.addressOf = addressOf;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Void> push(String peerId, List<StoredValue> batch) {
        Optional<String> address = addressOf.apply(peerId);
        if (address.isEmpty()) {
            return CompletableFuture.failedFuture(new IOException("no address known for " + peerId));
        }
        return client.send(address.get(), "POST", VERSIONS_PATH, VersionCodec.toBytes(batch), VersionCodec.MEDIA_TYPE, timeout)
                .thenApply(answer -> null);
    }
}
