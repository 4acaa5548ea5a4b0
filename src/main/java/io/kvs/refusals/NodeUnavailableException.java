package io.kvs.refusals;

/** This node cannot serve the request yet (503); the client should retry after {@link #retryAfterSeconds()}. */
public final class NodeUnavailableException extends Refusal {

    private final long retryAfterSeconds;

    public NodeUnavailableException(String reason, long retryAfterSeconds) {
        super(reason);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
