package io.kvs.cluster;

import io.kvs.cluster.membership.Gossip;
import io.kvs.cluster.membership.Member;
import io.kvs.cluster.membership.MemberEntry;
import io.kvs.cluster.membership.MemberState;
import io.kvs.cluster.transport.ClusterJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * {@code /members/}: the cluster as this node sees it (public, like {@code /health}), {@code POST /members/leave}
 * (admin), and the two node-to-node membership calls, {@code gossip} and {@code probe}, which
 * {@code io.kvs.pipeline.NodeAdmission} lets through only from nodes holding the cluster secret.
 */
@Path("members")
@ApplicationScoped
public class MemberResource {

    private ClusterNode cluster;

    @Inject
    public MemberResource(ClusterNode cluster) {
        this.cluster = cluster;
    }

    protected MemberResource() {
    }

    @GET
    public Response members() {
        List<Member> members = cluster.members().inCluster().stream().map(MemberResource::shown).toList();
        return Response.ok(new GenericEntity<>(members) {
        }, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Tells every member this node is leaving; answers once each has answered or timed out. */
    @POST
    @Path("leave")
    public void leave(@Suspended AsyncResponse response) {
        cluster.requireClustered();
        int told = cluster.members().peers(m -> m.status().isInCluster()).size();
        cluster.leave().whenComplete((done, failure) -> response.resume(
                Response.ok(Map.of("left", true, "node_id", cluster.members().self().id(), "members_told", told),
                        MediaType.APPLICATION_JSON_TYPE).build()));
    }

    @POST
    @Path("gossip")
    public Response gossip(byte[] body) {
        ClusterLink member = cluster.requireClustered();
        Gossip theirs = NodeBodies.parse(() -> ClusterJson.gossip(body));
        return NodeBodies.json(ClusterJson.gossip(member.gossiper().receive(theirs)));
    }

    /** Another member could not reach {@code target} and asks this node to try (SWIM's indirect probe). */
    @POST
    @Path("probe")
    public void probe(byte[] body, @Suspended AsyncResponse response) {
        ClusterLink member = cluster.requireClustered();
        MemberState target = NodeBodies.parse(() -> ClusterJson.memberOf(body));
        member.gossiper().probeFor(target).whenComplete((reachable, failure) ->
                response.resume(NodeBodies.json(ClusterJson.reachable(failure == null && reachable))));
    }

    private static Member shown(MemberEntry entry) {
        MemberState member = entry.member();
        return new Member(member.id(), member.address(), entry.lastSeen(), member.joinedTimestamp(),
                member.status().wireName());
    }
}
