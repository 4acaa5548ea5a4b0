package io.kvs.bench.noop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The container's ceiling: the same routes, media types and response shapes as kvs's {@code /kv/{key}}, with no
 * storage behind them. The PUT still drains the body and mints a version uuid and timestamp, because every real
 * write pays for those too; the GET answers a fixed document of about the size the benchmark stores.
 * Application scoped, as DESIGN §4 measured per-request and EJB-managed resources to be slower.
 */
@ApplicationScoped
@Path("kv")
public class NoopKvResource {

    private static final String STORED_UUID = "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60";
    private static final byte[] STORED_DOCUMENT = ("{\"uuid\":\"" + STORED_UUID + "\",\"timestamp\":1795000000000,"
            + "\"data\":{\"name\":\"user-000042\",\"email\":\"user-000042@example.com\",\"age\":42,"
            + "\"tags\":[\"bench\",\"kvs\"],\"active\":true,\"score\":1234.5}}").getBytes(StandardCharsets.UTF_8);

    @GET
    @Path("{key: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("key") String key) {
        return Response.ok(STORED_DOCUMENT).header("ETag", "\"" + STORED_UUID + "\"").build();
    }

    @PUT
    @Path("{key: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("key") String key, InputStream body) throws IOException {
        body.readAllBytes();
        String uuid = UUID.randomUUID().toString();
        byte[] answer = ("{\"uuid\":\"" + uuid + "\",\"timestamp\":" + System.currentTimeMillis() + "}")
                .getBytes(StandardCharsets.UTF_8);
        return Response.ok(answer).header("ETag", "\"" + uuid + "\"").build();
    }
}
