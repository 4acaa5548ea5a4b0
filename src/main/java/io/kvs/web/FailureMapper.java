package io.kvs.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every exception a resource throws that no more specific mapper claims (the JSON parsers' and JAX-RS's own have
 * theirs): refusals, store failures and {@link ApiException} get their 4xx from {@link Failure#of}; anything else is
 * logged as a server fault and answered 500 without details.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable e) {
        return ErrorBody.response(Failure.of(e));
    }
}
