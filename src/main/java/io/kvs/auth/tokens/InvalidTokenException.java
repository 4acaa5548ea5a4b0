package io.kvs.auth.tokens;

/**
 * A presented token that must be refused with 401. The message says why in words safe to return to the client
 * and to log; it never contains the token or any part of it.
 */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
