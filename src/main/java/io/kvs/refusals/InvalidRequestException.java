package io.kvs.refusals;

/** The request is malformed or names something that cannot be (400): a bad parameter, body, header or key. */
public non-sealed class InvalidRequestException extends Refusal {

    public InvalidRequestException(String reason) {
        super(reason);
    }
}
