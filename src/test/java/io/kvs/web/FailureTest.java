package io.kvs.web;

import io.kvs.keys.InvalidKeyException;
import io.kvs.keys.Keys;
import io.kvs.storage.NoLiveValueException;
import org.junit.jupiter.api.Test;

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
    void anythingElseIsAServerFaultWithoutDetails() {
        Failure failure = Failure.of(new IllegalStateException("secret detail"));
        assertEquals(500, failure.status());
        assertEquals(ErrorBody.reason(500), failure.message());
    }
}
