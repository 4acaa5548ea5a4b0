package io.kvs.refusals;

/**
 * What the request names does not exist here (404): a user, a group, a token, a membership, or a feature that is off
 * on this node. A key without a live value is {@code io.kvs.storage.NoLiveValueException}.
 */
public final class UnknownResourceException extends Refusal {

    public UnknownResourceException(String reason) {
        super(reason);
    }
}
