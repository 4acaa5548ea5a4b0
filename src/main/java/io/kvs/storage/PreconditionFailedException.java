package io.kvs.storage;

/** A conditional write whose {@link Precondition} did not hold; nothing was written. */
public final class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message, null, false, false);
    }
}
