package io.kvs.cluster.membership;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code GET /members/}: the cluster as this node sees it. */
@Path("members")
@ApplicationScoped
public class MemberResource {

    private Membership membership;

    @Inject
    public MemberResource(Membership membership) {
        this.membership = membership;
    }

    protected MemberResource() {
    }

    @GET
    public Response members() {
        List<Member> members = membership.members();
        return Response.ok(new GenericEntity<>(members) {
        }, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
