package io.kvs.node;

import io.kvs.config.ConfigException;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Reads the node's configuration once, from the file the launcher names in system property {@code kvs.config}
 * (see {@link ConfigLoader#locateInServer}), for every bean to inject.
 */
@ApplicationScoped
public class ConfigProducer {

    private static final Logger LOG = Logger.getLogger(ConfigProducer.class.getName());

    // @Singleton, not @ApplicationScoped: a record is final and cannot sit behind a client proxy.
    @Produces
    @Singleton
    KvsConfig config() {
        Path file = ConfigLoader.locateInServer();
        try {
            KvsConfig config = ConfigLoader.loadOrCreate(file);
            LOG.info(() -> "configuration read from " + file.toAbsolutePath());
            return config;
        } catch (ConfigException e) {
            // The launcher validates before Payara starts; reaching this means the file changed in between.
            throw new IllegalStateException("invalid configuration " + file + ": " + e.getMessage(), e);
        }
    }
}
