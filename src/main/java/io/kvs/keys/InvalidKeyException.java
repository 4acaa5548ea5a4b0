package io.kvs.keys;

/** A key that breaks the rules of SPEC §1; the message says which. */
public final class InvalidKeyException extends RuntimeException {

    public InvalidKeyException(String message) {
        super(message, null, false, false);
    }
}
