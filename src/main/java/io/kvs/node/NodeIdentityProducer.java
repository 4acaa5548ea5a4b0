package io.kvs.node;

import io.kvs.config.KvsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Makes this node's {@link NodeIdentity} injectable, loading or recording it in the data directory at first use. */
@ApplicationScoped
public class NodeIdentityProducer {

    // @Singleton, not @ApplicationScoped: a record is final and cannot sit behind a client proxy.
    @Produces
    @Singleton
    NodeIdentity identity(KvsConfig config) {
        try {
            return NodeIdentity.loadOrCreate(config.dataDir(), config.nodeId(), System::currentTimeMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or record the node identity in " + config.dataDir(), e);
        }
    }
}
