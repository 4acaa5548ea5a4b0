package io.kvs.storage;

/** A delete of a key that has no live value (absent, deleted or expired); nothing was written. */
public final class NoLiveValueException extends RuntimeException {

    public NoLiveValueException(String key) {
        super("no live value for key " + key, null, false, false);
    }
}
