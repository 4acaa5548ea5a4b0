package io.kvs.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything no other mapper claims is a real server fault: logged with its stack trace, answered 500 without
 * details (they may hold internals the client has no business seeing).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        LOG.log(Level.SEVERE, "unexpected failure while serving a request", e);
        return ErrorBody.response(500, ErrorBody.reason(500)).build();
    }
}
