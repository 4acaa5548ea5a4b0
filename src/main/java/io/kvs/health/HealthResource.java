package io.kvs.health;

import io.kvs.cluster.membership.Membership;
import io.kvs.cluster.membership.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /health}: always answers while the node serves, never needs a token. Payara Micro's own MicroProfile
 * health endpoint at the same path is switched off in the pre-boot commands so that this one answers.
 */
@Path("health")
@ApplicationScoped
public class HealthResource {

    private NodeMode mode;
    private Membership membership;
    private NodeIdentity identity;

    @Inject
    public HealthResource(NodeMode mode, Membership membership, NodeIdentity identity) {
        this.mode = mode;
        this.membership = membership;
        this.identity = identity;
    }

    protected HealthResource() {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Health health() {
        return new Health("ok", mode.current().wireName(), membership.aliveCount(), identity.nodeId());
    }
}
