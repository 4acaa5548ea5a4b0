package io.kvs.refusals;

/** The request body is over its limit (413); the rest of it is not read. */
public final class BodyTooLargeException extends Refusal {

    public BodyTooLargeException(String reason) {
        super(reason);
    }
}
