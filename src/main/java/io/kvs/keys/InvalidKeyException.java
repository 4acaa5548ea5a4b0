package io.kvs.keys;

import io.kvs.refusals.InvalidRequestException;

/** A key that breaks the rules of SPEC §1; the message says which. */
public final class InvalidKeyException extends InvalidRequestException {

    public InvalidKeyException(String message) {
        super(message);
    }
}
