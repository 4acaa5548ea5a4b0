package io.kvs.web;

import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.PreconditionFailedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The storage engine's refusals, which are the client's business: a failed condition (412) or nothing to act on (404). */
public final class StoreExceptionMappers {

    private StoreExceptionMappers() {
    }

    @Provider
    public static class PreconditionFailed implements ExceptionMapper<PreconditionFailedException> {

        @Override
        public Response toResponse(PreconditionFailedException e) {
            return ErrorBody.response(Failure.of(e));
        }
    }

    @Provider
    public static class NoLiveValue implements ExceptionMapper<NoLiveValueException> {

        @Override
        public Response toResponse(NoLiveValueException e) {
            return ErrorBody.response(Failure.of(e));
        }
    }
}
