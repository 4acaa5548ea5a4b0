package io.kvs.auth;

import io.kvs.auth.permissions.KeyMetadata;
import io.kvs.auth.tokens.Caller;
import io.kvs.keys.Keys;
import io.kvs.node.NodeMode;
import io.kvs.refusals.ConflictException;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.refusals.UnknownResourceException;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.Precondition;
import io.kvs.storage.PreconditionFailedException;
import io.kvs.storage.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET} and {@code PUT /meta/{key}} (SPEC §2): a live key's owner, group and permission bits. Reading needs
 * read access to the key; changing needs ownership of the key (or admin). A new owner or group must exist.
 */
@Path("meta")
@ApplicationScoped
public class MetaResource {

    private static final String PREFIX = "meta/";
    private static final String OWNER = "owner_uuid";
    private static final String GROUP = "group_uuid";
    private static final String PERMISSIONS = "permissions";

    private AuthService auth;
    private KeyAccess access;
    private Store store;
    private NodeMode mode;

    @Inject
    public MetaResource(AuthService auth, KeyAccess access, Store store, NodeMode mode) {
        this.auth = auth;
        this.access = access;
        this.store = store;
        this.mode = mode;
    }

    protected MetaResource() {
    }

    @GET
    @Path("{key: .+}")
    public Response get(@Context UriInfo uri, @Context SecurityContext security) {
        String key = liveKey(uri);
        access.requireRead(CallerContext.callerOf(security), key);
        return ok(access.checkedMetadata(key));
    }

    @PUT
    @Path("{key: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public void put(@Context UriInfo uri, @Context SecurityContext security, InputStream body,
                    @Suspended AsyncResponse response) {
        String key = liveKey(uri);
        mode.requireClientWrites();
        Caller caller = access.callerOf(CallerContext.callerOf(security));
        JsonBody change = JsonBody.read(body, Set.of(OWNER, GROUP, PERMISSIONS));
        if (!change.has(OWNER) && !change.has(GROUP) && !change.has(PERMISSIONS)) {
            throw new InvalidRequestException("give at least one of owner_uuid, group_uuid, permissions");
        }
        KeyAccess.StoredMetadata current = access.metadataOf(key);
        KeyAccess.require(caller.isAdmin() || caller.user().equals(current.meta().ownerUuid()),
                "only the owner of " + key + " or an admin may change its metadata");
        KeyMetadata updated = apply(change, current.meta(), System.currentTimeMillis());
        Precondition unchanged = current.version()
                .<Precondition>map(v -> new Precondition.Matches(v.version().uuid())).orElse(Precondition.ABSENT);
        long expiresAt = store.currentVersion(key).map(v -> v.expiresAt()).orElse(0L);
        // answered once durable, without holding an HTTP worker thread through the fsync
        store.put(ReservedKeys.metadata(key), AuthJson.bytes(AuthJson.metadata(updated)), expiresAt, unchanged)
                .whenComplete((written, failure) -> {
                    Throwable cause = failure == null ? null : KeyAccess.unwrapped(failure);
                    if (cause == null) {
                        response.resume(ok(updated));
                    } else if (cause instanceof PreconditionFailedException) {
                        response.resume(new ConflictException("the metadata of " + key
                                + " changed meanwhile; read it again and retry"));
                    } else {
                        response.resume(cause);
                    }
                });
    }

    private KeyMetadata apply(JsonBody change, KeyMetadata meta, long now) {
        KeyMetadata updated = meta;
        if (change.has(OWNER)) {
            UUID owner = change.uuid(OWNER);
            if (auth.directory().user(owner).isEmpty()) {
                throw new InvalidRequestException("unknown user " + owner);
            }
            updated = updated.withOwner(owner, now);
        }
        if (change.has(GROUP)) {
            UUID group = change.isNull(GROUP) ? null : change.uuid(GROUP);
            if (group != null && auth.directory().group(group).isEmpty()) {
                throw new InvalidRequestException("unknown group " + group);
            }
            updated = updated.withGroup(group, now);
        }
        if (change.has(PERMISSIONS)) {
            updated = updated.withPermissions(change.permissions(PERMISSIONS), now);
        }
        return updated;
    }

    /** The key from the raw path (as {@code /kv} reads it), which must be live: metadata of nothing is 404. */
    private String liveKey(UriInfo uri) {
        if (!auth.enabled()) {
            throw new UnknownResourceException("key metadata exists only with auth_enabled: true");
        }
        String raw = uri.getRequestUri().getRawPath().substring(uri.getBaseUri().getRawPath().length() + PREFIX.length());
        String key = Keys.parse(raw);
        if (!access.isLive(key, System.currentTimeMillis())) {
            throw new NoLiveValueException(key);
        }
        return key;
    }

    private static Response ok(KeyMetadata meta) {
        return Response.ok(AuthJson.metadata(meta).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
