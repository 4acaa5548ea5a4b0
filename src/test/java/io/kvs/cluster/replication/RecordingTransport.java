package io.kvs.cluster.replication;

import io.kvs.storage.StoredValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A transport whose requests stay in flight until the test answers them. */
final class RecordingTransport implements PushTransport {

    record Request(String peerId, List<StoredValue> batch, CompletableFuture<Void> answer) {
    }

    final List<Request> requests = new ArrayList<>();

    @Override
    public CompletableFuture<Void> push(String peerId, List<StoredValue> batch) {
        Request request = new Request(peerId, List.copyOf(batch), new CompletableFuture<>());
        requests.add(request);
        return request.answer;
    }

    Request last() {
        return requests.get(requests.size() - 1);
    }

    List<String> lastKeys() {
        return last().batch().stream().map(v -> v.key() + "@" + v.version().timestamp()).toList();
    }

    void succeedLast() {
        last().answer().complete(null);
    }

    void failLast() {
        last().answer().completeExceptionally(new java.io.IOException("connection refused"));
    }
}
