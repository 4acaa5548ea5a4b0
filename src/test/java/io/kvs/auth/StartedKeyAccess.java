package io.kvs.auth;

import io.kvs.config.KvsConfig;
import io.kvs.storage.Store;

/** The data path's access rules over a store, as the container wires them, for tests outside the container. */
public final class StartedKeyAccess {

    private StartedKeyAccess() {
    }

    /** As in the container, the auth service has started (root account, metadata view) before anything asks it. */
    public static KeyAccess over(Store store, KvsConfig config) {
        AuthService auth = new AuthService(config, store);
        auth.start();
        return new KeyAccess(auth, store, config);
    }
}
