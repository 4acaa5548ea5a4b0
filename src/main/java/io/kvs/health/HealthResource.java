package io.kvs.health;

import io.kvs.cluster.ClusterNode;
import io.kvs.cluster.membership.MemberStatus;
import io.kvs.node.NodeIdentity;
import io.kvs.node.NodeMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * {@code GET /health}: always answers while the node serves, never needs a token; {@code /health/ready} and
 * {@code /health/live}, the probes of SPEC §9. Payara Micro's own MicroProfile health endpoint at the same path is
 * switched off in the pre-boot commands so that these answer.
 */
@Path("health")
@ApplicationScoped
public class HealthResource {

    private static final Map<String, String> LIVE = Map.of("status", "live");

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

    /** Readiness: 200 while clients should be sent here, else 503 with the reason and when to ask again. */
    @GET
    @Path("ready")
    public Response ready() {
        Readiness readiness = Readiness.of(mode.current(), cluster.members().self().status() == MemberStatus.LEFT);
        if (readiness.ready()) {
            return Response.ok(readiness, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", NodeMode.SYNCING_RETRY_AFTER_SECONDS).entity(readiness).build();
    }

    /**
     * Liveness: the process answers requests. Nothing more is asked on purpose: a liveness failure gets the node
     * restarted, which would only lose a long bootstrap or a node that is busy but working.
     */
    @GET
    @Path("live")
    public Response live() {
        return Response.ok(LIVE, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
