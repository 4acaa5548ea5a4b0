package io.kvs.storage;

/** A delete of a key that has no live value (absent, deleted or expired); nothing was written. */
public final class NoLiveValueException extends RuntimeException {

    public NoLiveValueException(String key) {
        super(messageFor(key), null, false, false);
    }

    /** The one wording of "absent" on every path that answers it. */
    public static String messageFor(String key) {
        return "no live value for key " + key;
    }
}
