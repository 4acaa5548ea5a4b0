package io.kvs.web;

import io.kvs.refusals.BodyTooLargeException;
import io.kvs.refusals.ConflictException;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.refusals.NodeUnavailableException;
import io.kvs.refusals.NotAuthenticatedException;
import io.kvs.refusals.NotPermittedException;
import io.kvs.refusals.UnknownResourceException;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.PreconditionFailedException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.concurrent.CompletableFuture;

/** Deployed only in {@link ErrorShapeIT}'s archive: throws what a control class would, by name. */
@Path("refuse")
@Produces(MediaType.APPLICATION_JSON)
public class RefusingResource {

    static final String SECRET = "detail that must not reach the client";

    @GET
    @Path("{kind}")
    public String refuse(@PathParam("kind") String kind) {
        throw switch (kind) {
            case "invalid" -> new InvalidRequestException("invalid");
            case "unauthenticated" -> new NotAuthenticatedException("unauthenticated", "Bearer realm=\"kvs\"");
            case "forbidden" -> new NotPermittedException("forbidden");
            case "unknown" -> new UnknownResourceException("unknown");
            case "absent" -> new NoLiveValueException("some/key");
            case "conflict" -> new ConflictException("conflict");
            case "precondition" -> new PreconditionFailedException("some/key");
            case "too-large" -> new BodyTooLargeException("too large");
            case "unavailable" -> new NodeUnavailableException("unavailable", 7);
            default -> new IllegalStateException(SECRET);
        };
    }

    /** A store refusal as the async store hands it over: wrapped in the future's CompletionException. */
    @GET
    @Path("async/absent")
    public String refuseLater() {
        return CompletableFuture.<String>failedFuture(new NoLiveValueException("some/key")).join();
    }

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject echo(JsonObject body) {
        return body;
    }
}
