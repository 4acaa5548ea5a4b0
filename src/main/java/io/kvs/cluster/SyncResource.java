package io.kvs.cluster;

import io.kvs.cluster.replication.VersionCodec;
import io.kvs.cluster.sync.KeyVersion;
import io.kvs.cluster.sync.MerkleTree;
import io.kvs.cluster.sync.NodeHash;
import io.kvs.cluster.transport.ClusterJson;
import io.kvs.config.KvsConfig;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /sync/*}: what anti-entropy and push replication ask of a peer (README.md documents each call), all
 * authenticated by {@code io.kvs.pipeline.NodeAdmission}, and {@code GET /sync/status} for operators ({@link SyncStatus}).
 */
@Path("sync")
@ApplicationScoped
public class SyncResource {

    private ClusterNode cluster;
    private SyncStatus status;
    private KvsConfig config;

    @Inject
    public SyncResource(ClusterNode cluster, SyncStatus status, KvsConfig config) {
        this.cluster = cluster;
        this.status = status;
        this.config = config;
    }

    protected SyncResource() {
    }

    @GET
    @Path("status")
    public void status(@Suspended AsyncResponse response) {
        status.current().whenComplete((body, failure) ->
                response.resume(failure == null ? Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build() : failure));
    }

    @GET
    @Path("merkle/root")
    public Response root() {
        cluster.requireClustered();
        return NodeBodies.json(ClusterJson.root(cluster.tree().root()));
    }

    /** {@code {"paths": [...]}} of inner nodes → {@code {"nodes": [...]}}: their children, parent by parent. */
    @POST
    @Path("merkle/children")
    public Response children(byte[] body) {
        cluster.requireClustered();
        List<NodeHash> children = new ArrayList<>();
        for (String path : paths(body)) {
            if (path.length() == MerkleTree.DEPTH) {
                throw new InvalidRequestException("a leaf has no children: " + path);
            }
            children.addAll(cluster.tree().children(path));
        }
        return NodeBodies.json(ClusterJson.nodes(children));
    }

    /** {@code {"paths": [...]}} of leaves → {@code {"entries": [...]}}: the key versions they hold. */
    @POST
    @Path("merkle/entries")
    public Response entries(byte[] body) {
        cluster.requireClustered();
        List<KeyVersion> entries = new ArrayList<>();
        for (String path : paths(body)) {
            if (path.length() != MerkleTree.DEPTH) {
                throw new InvalidRequestException("not a leaf path: " + path);
            }
            entries.addAll(cluster.tree().entries(path));
        }
        return NodeBodies.json(ClusterJson.entries(entries));
    }

    /** {@code {"keys": [...]}} → this node's current versions of them, with data ({@link VersionCodec}). */
    @POST
    @Path("versions/fetch")
    public Response fetch(byte[] body) {
        cluster.requireClustered();
        List<String> keys = bounded(NodeBodies.parse(() -> ClusterJson.strings("keys", body)), "keys");
        List<StoredValue> versions = new ArrayList<>();
        for (String key : keys) {
            if (!Store.isStorable(key)) {
                throw new InvalidRequestException("not a key: \"" + key + "\"");
            }
            cluster.localVersion(key).ifPresent(versions::add);
        }
        return Response.ok(VersionCodec.toBytes(versions), VersionCodec.MEDIA_TYPE).build();
    }

    /** Versions pushed by a peer ({@link VersionCodec}); each is applied only if it wins here. */
    @POST
    @Path("versions")
    @Consumes(VersionCodec.MEDIA_TYPE)
    public void push(byte[] body, @Suspended AsyncResponse response) {
        cluster.requireClustered();
        List<StoredValue> versions;
        try {
            versions = VersionCodec.fromBytes(body, ClusterNode.MAX_PER_REQUEST, config.maxJsonSize());
        } catch (IOException e) {
            throw new InvalidRequestException("malformed versions body: " + e.getMessage());
        }
        versions.stream().map(StoredValue::key).filter(key -> !Store.isStorable(key)).findFirst().ifPresent(key -> {
            throw new InvalidRequestException("not a key: \"" + key + "\"");
        });
        cluster.incoming().applyAll(versions).whenComplete((applied, failure) -> response.resume(failure != null
                ? failure
                : NodeBodies.json(ClusterJson.pushed(versions.size(), applied))));
    }

    private static List<String> paths(byte[] body) {
        List<String> paths = bounded(NodeBodies.parse(() -> ClusterJson.strings("paths", body)), "paths");
        Optional<String> bad = paths.stream().filter(path -> !MerkleTree.isValidPath(path)).findFirst();
        if (bad.isPresent()) {
            throw new InvalidRequestException("not a tree path: \"" + bad.get() + "\"");
        }
        return paths;
    }

    private static List<String> bounded(List<String> values, String field) {
        if (values.size() > ClusterNode.MAX_PER_REQUEST) {
            throw new InvalidRequestException("at most " + ClusterNode.MAX_PER_REQUEST + " " + field + " per request");
        }
        return values;
    }
}
