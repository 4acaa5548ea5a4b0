package io.kvs.backup;

import java.io.IOException;

/** A restore that must not happen: the target is not empty, or the archive is not a kvs backup kvs can read. */
public final class RestoreRefusedException extends IOException {

    public RestoreRefusedException(String message) {
        super(message);
    }
}
