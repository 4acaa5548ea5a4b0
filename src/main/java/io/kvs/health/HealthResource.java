package io.kvs.health;

import io.kvs.cluster.ClusterNode;
import io.kvs.node.NodeIdentity;
import io.kvs.node.NodeMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /health}: always answers while the node serves, never needs a token. Payara Micro's own MicroProfile
 * health endpoint at the same path is switched off in the pre-boot commands so that this one answers.
 */
@Path("health")
@ApplicationScoped
public class HealthResource {

    private NodeMode mode;
    private ClusterNode cluster;
    private NodeIdentity identity;

    @Inject
    public HealthResource(NodeMode mode, ClusterNode cluster, NodeIdentity identity) {
        this.mode = mode;
        this.cluster = cluster;
        this.identity = identity;
    }

    protected HealthResource() {
    }

    @GET
    public Response health() {
        Health health = new Health("ok", mode.current().wireName(), cluster.members().aliveCount(), identity.nodeId(),
                mode.bootstrapProgress().orElse(null));
        return Response.ok(health, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
