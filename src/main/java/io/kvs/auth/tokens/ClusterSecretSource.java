package io.kvs.auth.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    /** The fingerprint of the token key this data_dir's users and tokens were made with ({@link #record}). */
    public static final String FINGERPRINT_FILE = "jwt-key.fingerprint";
    /** Put there by {@code ./kvs reset-root}: the next start makes a new root, whatever key it has. */
    public static final String RESET_ROOT_FILE = "reset-root";

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
     * data_dir (generated when it once started as a first node, or put there by hand); or a start that would
     * orphan every token ({@link #orphaning}) unless {@code ./kvs reset-root} asked for a new root. Empty when the
     * node has or may generate a secret that fits. {@code ./kvs} asks before Payara boots, so that the operator reads
     * the reason at once.
     */
    public static Optional<String> refusal(String configured, Path dataDir, boolean joining) {
        if (joining && !isSet(configured) && !Files.exists(dataDir.resolve(FILE_NAME))) {
            return Optional.of("this node joins a cluster (seed_nodes is set) with auth_enabled but has no"
                    + " cluster_secret: copy cluster_secret from the first node's configuration, or the content of its"
                    + " {data_dir}/" + FILE_NAME + ", into this node's configuration as cluster_secret");
        }
        if (Files.exists(dataDir.resolve(RESET_ROOT_FILE))) {
            return Optional.empty();
        }
        try {
            Optional<String> recorded = PrivateFile.read(dataDir.resolve(FINGERPRINT_FILE));
            return recorded.isEmpty() ? Optional.empty() : orphaning(recorded.get(), configured, dataDir);
        } catch (IOException e) {
            return Optional.of("cannot read the token key's fingerprint or the secret in " + dataDir + ": " + e);
        }
    }

    /**
     * Why starting on {@code dataDir} with {@code configured} would orphan every token made under the key of
     * fingerprint {@code recorded} (a new secret would be generated, or the configured one is another): no token,
     * root's included, would verify, and no new root is made while users exist. Empty when the key is the same.
     */
    public static Optional<String> orphaning(String recorded, String configured, Path dataDir) throws IOException {
        Optional<String> secret = isSet(configured) ? Optional.of(configured) : PrivateFile.read(dataDir.resolve(FILE_NAME));
        Optional<String> fingerprint = secret.map(text -> ClusterSecret.of(text).jwtKeyFingerprint());
        if (fingerprint.isPresent() && fingerprint.get().equals(recorded)) {
            return Optional.empty();
        }
        String instead = fingerprint.map(f -> "a cluster_secret whose token key has fingerprint " + f)
                .orElse("a newly generated cluster secret (no cluster_secret in the configuration, no "
                        + FILE_NAME + " in data_dir)");
        return Optional.of("the users and tokens of this data_dir were made with the token key of fingerprint "
                + recorded + ", but the node would start with " + instead + ": no existing token, root's included,"
                + " would verify, and no new root is made while users exist. Set cluster_secret to the secret they"
                + " were made with, or run ./kvs reset-root CONFIG to start with this key and a new root token");
    }

    /** Writes the fingerprint of the key in use into {@code dataDir}, replacing an older one. */
    public static void record(Path dataDir, ClusterSecret secret) throws IOException {
        Path file = dataDir.resolve(FINGERPRINT_FILE);
        if (PrivateFile.read(file).filter(secret.jwtKeyFingerprint()::equals).isPresent()) {
            return;
        }
        Path pending = dataDir.resolve(FINGERPRINT_FILE + ".pending");
        Files.deleteIfExists(pending);
        PrivateFile.create(pending, secret.jwtKeyFingerprint());
        Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean isSet(String configured) {
        return configured != null && !configured.isBlank();
    }
}
