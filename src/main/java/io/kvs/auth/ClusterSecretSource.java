package io.kvs.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Where a node's cluster secret comes from: {@code cluster_secret} in the configuration; else the file
 * {@code {data_dir}/cluster.secret} a previous start generated; else, on a first node (no {@code seed_nodes}), a new
 * random secret written to that file with mode 0600. A joining node without a secret cannot verify the cluster's
 * tokens or talk to its peers, so it refuses to start and says what to copy from where.
 */
public final class ClusterSecretSource {

    public static final String FILE_NAME = "cluster.secret";

    private ClusterSecretSource() {
    }

    /** The secret and where it came from (never the secret's text). */
    public record Resolved(ClusterSecret secret, Origin origin) {
    }

    public enum Origin { CONFIG, DATA_DIR_FILE, GENERATED }

    /**
     * @param configured the {@code cluster_secret} configuration value, null or blank when absent
     * @param joining    whether the node has {@code seed_nodes}, i.e. joins an existing cluster
     * @throws IllegalStateException when a joining node has no secret, with the message to show the operator
     */
    public static Resolved resolve(String configured, Path dataDir, boolean joining, SecureRandom random)
            throws IOException {
        Optional<String> refusal = refusal(configured, dataDir, joining);
        if (refusal.isPresent()) {
            throw new IllegalStateException(refusal.get());
        }
        if (isSet(configured)) {
            return new Resolved(ClusterSecret.of(configured), Origin.CONFIG);
        }
        Path file = dataDir.resolve(FILE_NAME);
        Optional<String> stored = PrivateFile.read(file);
        if (stored.isPresent()) {
            return new Resolved(ClusterSecret.of(stored.get()), Origin.DATA_DIR_FILE);
        }
        String generated = ClusterSecret.generate(random);
        PrivateFile.create(file, generated);
        return new Resolved(ClusterSecret.of(generated), Origin.GENERATED);
    }

    /**
     * Why {@link #resolve} would refuse: a joining node with neither {@code cluster_secret} nor the file in its
     * data_dir (generated when it once started as a first node, or put there by hand). Empty when the node has or may
     * generate a secret. {@code ./kvs} asks before Payara boots, so that the operator reads the reason at once.
     */
    public static Optional<String> refusal(String configured, Path dataDir, boolean joining) {
        if (!joining || isSet(configured) || Files.exists(dataDir.resolve(FILE_NAME))) {
            return Optional.empty();
        }
        return Optional.of("this node joins a cluster (seed_nodes is set) with auth_enabled but has no cluster_secret:"
                + " copy cluster_secret from the first node's configuration, or the content of its {data_dir}/"
                + FILE_NAME + ", into this node's configuration as cluster_secret");
    }

    private static boolean isSet(String configured) {
        return configured != null && !configured.isBlank();
    }
}
