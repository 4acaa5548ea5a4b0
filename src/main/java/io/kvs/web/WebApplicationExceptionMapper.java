package io.kvs.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Jersey's own rejections (no matching path 404, wrong method 405 with its Allow header, unsupported media type 415,
 * unparsable header 400, ...) answered in the API's JSON error shape instead of Jersey's default HTML.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.log(Level.SEVERE, "request failed inside the JAX-RS runtime", e);
            return ErrorBody.response(500, ErrorBody.reason(500)).build();
        }
        Response.ResponseBuilder response = ErrorBody.response(status, ErrorBody.reason(status));
        // Keep what the status needs (Allow on 405, WWW-Authenticate on 401); the entity headers are ours now.
        original.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }
}
