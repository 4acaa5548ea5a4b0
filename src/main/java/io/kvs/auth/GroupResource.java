package io.kvs.auth;

import io.kvs.auth.accounts.Group;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.Set;

/** {@code /auth/groups} (SPEC §3): admin only. */
@Path("auth/groups")
@ApplicationScoped
public class GroupResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    private AccountService accounts;
    private AdminCheck admin;

    @Inject
    public GroupResource(AccountService accounts, AdminCheck admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    protected GroupResource() {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, InputStream body) {
        admin.require(security);
        Group group = accounts.createGroup(JsonBody.read(body, Set.of("name")).string("name"));
        return UserResource.json(JSON.createObjectBuilder().add("uuid", group.uuid().toString()).build().toString());
    }

    @GET
    public Response list(@Context SecurityContext security) {
        admin.require(security);
        JsonArrayBuilder groups = JSON.createArrayBuilder();
        accounts.groups().forEach(group -> groups.add(view(group)));
        return UserResource.json(groups.build().toString());
    }

    @GET
    @Path("{uuid}")
    public Response get(@Context SecurityContext security, @PathParam("uuid") String uuid) {
        admin.require(security);
        return UserResource.json(view(accounts.group(PathIds.uuid(uuid))).toString());
    }

    @DELETE
    @Path("{uuid}")
    public Response delete(@Context SecurityContext security, @PathParam("uuid") String uuid) {
        admin.require(security);
        accounts.deleteGroup(PathIds.uuid(uuid));
        return Response.noContent().build();
    }

    @PUT
    @Path("{uuid}/members/{user}")
    public Response addMember(@Context SecurityContext security, @PathParam("uuid") String uuid,
                              @PathParam("user") String user) {
        admin.require(security);
        accounts.addMember(PathIds.uuid(uuid), PathIds.uuid(user));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{uuid}/members/{user}")
    public Response removeMember(@Context SecurityContext security, @PathParam("uuid") String uuid,
                                 @PathParam("user") String user) {
        admin.require(security);
        accounts.removeMember(PathIds.uuid(uuid), PathIds.uuid(user));
        return Response.noContent().build();
    }

    private JsonObject view(Group group) {
        JsonArrayBuilder members = JSON.createArrayBuilder();
        accounts.membersOf(group.uuid()).forEach(member -> members.add(member.toString()));
        return JSON.createObjectBuilder(AuthJson.group(group)).add("members", members).build();
    }
}
