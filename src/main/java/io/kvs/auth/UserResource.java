package io.kvs.auth;

import io.kvs.auth.accounts.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.Set;

/** {@code /auth/users} (SPEC §3): admin only. */
@Path("auth/users")
@ApplicationScoped
public class UserResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    private AccountService accounts;
    private AdminCheck admin;

    @Inject
    public UserResource(AccountService accounts, AdminCheck admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    protected UserResource() {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, InputStream body) {
        admin.require(security);
        User user = accounts.createUser(JsonBody.read(body, Set.of("nickname")).string("nickname"));
        return json(JSON.createObjectBuilder().add("uuid", user.uuid().toString()).build().toString());
    }

    @GET
    public Response list(@Context SecurityContext security) {
        admin.require(security);
        JsonArrayBuilder users = JSON.createArrayBuilder();
        accounts.users().forEach(user -> users.add(AuthJson.user(user)));
        return json(users.build().toString());
    }

    @GET
    @Path("{uuid}")
    public Response get(@Context SecurityContext security, @PathParam("uuid") String uuid) {
        admin.require(security);
        User user = accounts.user(PathIds.uuid(uuid));
        JsonArrayBuilder groups = JSON.createArrayBuilder();
        accounts.groupsOf(user.uuid()).forEach(group -> groups.add(group.toString()));
        return json(JSON.createObjectBuilder(AuthJson.user(user)).add("groups", groups).build().toString());
    }

    @DELETE
    @Path("{uuid}")
    public Response delete(@Context SecurityContext security, @PathParam("uuid") String uuid) {
        admin.require(security);
        accounts.deleteUser(PathIds.uuid(uuid));
        return Response.noContent().build();
    }

    static Response json(String body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
