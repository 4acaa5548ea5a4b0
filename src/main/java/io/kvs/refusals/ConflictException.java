package io.kvs.refusals;

/** The request contradicts the current state (409): a name already taken, a record changed underneath it. */
public final class ConflictException extends Refusal {

    public ConflictException(String reason) {
        super(reason);
    }
}
