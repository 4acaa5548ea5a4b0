package io.kvs.auth;

import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.SignedToken;
import io.kvs.refusals.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /auth/tokens} (SPEC §3): admin only. The token text is returned once and never stored or logged. */
@Path("auth/tokens")
@ApplicationScoped
public class TokenResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    private AccountService accounts;
    private AdminCheck admin;

    @Inject
    public TokenResource(AccountService accounts, AdminCheck admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    protected TokenResource() {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@Context SecurityContext security, InputStream body) {
        admin.require(security);
        JsonBody request = JsonBody.read(body, Set.of("user_uuid", "scopes", "ttl"));
        Set<Scope> scopes;
        try {
            scopes = Scope.parseAll(scopeNames(request.value("scopes")));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        SignedToken token = accounts.issueToken(request.uuid("user_uuid"), scopes,
                request.optionalString("ttl").orElse(null));
        return UserResource.json(JSON.createObjectBuilder()
                .add("token", token.token())
                .add("expires_at", token.claims().expiresAt())
                .add("jti", token.claims().jti().toString())
                .build().toString());
    }

    @DELETE
    @Path("{jti}")
    public Response revoke(@Context SecurityContext security, @PathParam("jti") String jti) {
        admin.require(security);
        accounts.revokeToken(PathIds.uuid(jti));
        return Response.noContent().build();
    }

    private static List<String> scopeNames(JsonValue scopes) {
        if (scopes == null || scopes.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidRequestException("scopes must be a non-empty list of read, write, admin");
        }
        List<String> names = new ArrayList<>();
        for (JsonValue scope : scopes.asJsonArray()) {
            names.add(scope instanceof JsonString s ? s.getString() : String.valueOf(scope));
        }
        return names;
    }
}
