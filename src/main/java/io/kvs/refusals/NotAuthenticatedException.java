package io.kvs.refusals;

/** The request needs a caller and names none (401); {@link #challenge()} says which credentials to send. */
public final class NotAuthenticatedException extends Refusal {

    private final String challenge;

    public NotAuthenticatedException(String reason, String challenge) {
        super(reason);
        this.challenge = challenge;
    }

    /** The WWW-Authenticate challenge. */
    public String challenge() {
        return challenge;
    }
}
