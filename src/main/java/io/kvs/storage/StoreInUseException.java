package io.kvs.storage;

import java.io.IOException;

/** The store directory is locked by another open store, most likely another node started with the same data_dir. */
public final class StoreInUseException extends IOException {

    StoreInUseException(String message) {
        super(message);
    }
}
