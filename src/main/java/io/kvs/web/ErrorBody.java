package io.kvs.web;

import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one error shape of the API (SPEC §0): {@code {"error": "<human readable reason>"}} as application/json. */
public final class ErrorBody {

    private static final JsonProvider JSON = JsonProvider.provider();

    private ErrorBody() {
    }

    public static byte[] of(String message) {
        return JSON.createObjectBuilder().add("error", message).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The reason given for a bare status raised by the container or by Jersey rather than by kvs itself. */
    public static String reason(int status) {
        return switch (status) {
            case 400 -> "malformed request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 406 -> "not acceptable: responses are application/json";
            case 413 -> "request too large";
            case 415 -> "unsupported media type: send application/json";
            default -> status >= 500 ? "internal error" : "request rejected (" + status + ")";
        };
    }

    public static Response.ResponseBuilder response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(of(message));
    }

    /** The JAX-RS response of a failure. */
    public static Response response(Failure failure) {
        Response.ResponseBuilder response = response(failure.status(), failure.message());
        failure.headers().forEach(response::header);
        return response.build();
    }

    /** Writes a failure straight to the servlet response, for requests answered before JAX-RS. */
    public static void write(HttpServletResponse response, Failure failure) throws IOException {
        byte[] body = of(failure.message());
        response.setStatus(failure.status());
        failure.headers().forEach(response::setHeader);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
