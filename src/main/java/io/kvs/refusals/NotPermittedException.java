package io.kvs.refusals;

/** The caller, or this node in its current mode, may not do this (403). */
public final class NotPermittedException extends Refusal {

    public NotPermittedException(String reason) {
        super(reason);
    }
}
