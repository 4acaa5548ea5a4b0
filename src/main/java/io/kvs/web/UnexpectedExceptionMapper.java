package io.kvs.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Anything no other mapper claims: {@link Failure#of} logs it as a server fault and answers 500 without details. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable e) {
        return ErrorBody.response(Failure.of(e));
    }
}
