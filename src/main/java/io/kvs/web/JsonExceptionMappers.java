package io.kvs.web;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON that a resource parses itself (JSON-P or JSON-B) and finds malformed is the client's mistake (400).
 * Bodies Jersey binds to parameters are handled by {@link RequestBodyInterceptor}.
 */
public final class JsonExceptionMappers {

    private JsonExceptionMappers() {
    }

    @Provider
    public static class Parsing implements ExceptionMapper<JsonParsingException> {

        @Override
        public Response toResponse(JsonParsingException e) {
            return ErrorBody.response(Failure.of(e));
        }
    }

    @Provider
    public static class Binding implements ExceptionMapper<JsonbException> {

        @Override
        public Response toResponse(JsonbException e) {
            return ErrorBody.response(Failure.of(e));
        }
    }
}
