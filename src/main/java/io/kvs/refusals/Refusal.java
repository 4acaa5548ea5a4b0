package io.kvs.refusals;

/**
 * A request the node will not carry out, with the reason the client is told. No stack trace: these are thrown for
 * client mistakes, on the hot path, and never logged.
 */
public abstract sealed class Refusal extends RuntimeException permits InvalidRequestException, BodyTooLargeException,
        NotAuthenticatedException, NotPermittedException, UnknownResourceException, ConflictException,
        NodeUnavailableException {

    protected Refusal(String reason) {
        super(reason, null, false, false);
    }
}
