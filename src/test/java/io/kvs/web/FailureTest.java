package io.kvs.web;

import io.kvs.keys.InvalidKeyException;
import io.kvs.keys.Keys;
import io.kvs.refusals.BodyTooLargeException;
import io.kvs.refusals.ConflictException;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.refusals.NodeUnavailableException;
import io.kvs.refusals.NotAuthenticatedException;
import io.kvs.refusals.NotPermittedException;
import io.kvs.refusals.Refusal;
import io.kvs.refusals.UnknownResourceException;
import io.kvs.storage.NoLiveValueException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FailureTest {

    @Test
    void anInvalidKeyIsTheClientsMistake() {
        InvalidKeyException invalid = assertThrows(InvalidKeyException.class, () -> Keys.parse("a//b"));
        Failure failure = Failure.of(invalid);
        assertEquals(400, failure.status());
        assertEquals(invalid.getMessage(), failure.message());
    }

    @Test
    void aStoreRefusalInsideACompletionKeepsItsStatus() {
        assertEquals(404, Failure.of(new CompletionException(new NoLiveValueException("k"))).status());
    }

    @Test
    void eachRefusalHasItsStatusReasonAndHeaders() {
        assertAnswered(400, Map.of(), new InvalidRequestException("bad"));
        assertAnswered(401, Map.of("WWW-Authenticate", "Bearer realm=\"kvs\""),
                new NotAuthenticatedException("bad", "Bearer realm=\"kvs\""));
        assertAnswered(403, Map.of(), new NotPermittedException("bad"));
        assertAnswered(404, Map.of(), new UnknownResourceException("bad"));
        assertAnswered(409, Map.of(), new ConflictException("bad"));
        assertAnswered(413, Map.of("Connection", "close"), new BodyTooLargeException("bad"));
        assertAnswered(503, Map.of("Retry-After", "7"), new NodeUnavailableException("bad", 7));
    }

    private static void assertAnswered(int status, Map<String, String> headers, Refusal refusal) {
        assertEquals(new Failure(status, "bad", headers), Failure.of(refusal));
    }

    @Test
    void anythingElseIsAServerFaultWithoutDetails() {
        Failure failure = Failure.of(new IllegalStateException("secret detail"));
        assertEquals(500, failure.status());
        assertEquals(ErrorBody.reason(500), failure.message());
    }
}
