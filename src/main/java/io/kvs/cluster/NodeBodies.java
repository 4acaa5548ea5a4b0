package io.kvs.cluster;

import io.kvs.cluster.transport.ClusterJson;
import io.kvs.refusals.InvalidRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/** Reading and answering the JSON bodies of node-to-node calls ({@link ClusterJson}). */
final class NodeBodies {

    private NodeBodies() {
    }

    /** A body {@link ClusterJson} cannot read is the caller's mistake: 400 naming what is wrong. */
    static <T> T parse(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("malformed node request body: " + e.getMessage());
        }
    }

    static Response json(byte[] body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
