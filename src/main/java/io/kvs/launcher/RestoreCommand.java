package io.kvs.launcher;

import io.kvs.auth.RootBootstrap;
import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.auth.tokens.PrivateFile;
import io.kvs.backup.BackupArchive;
import io.kvs.backup.RestoreRefusedException;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./kvs restore ARCHIVE [CONFIG] [--reset-root]}: unpacks a backup into the configured {@code data_dir},
 * which must be empty, while no node runs there. The node started afterwards rebuilds its index from the restored log
 * and serves exactly the data of the backup. A backup of a node with auth on records its token key's fingerprint:
 * when the node restored into would not have that key (no {@code cluster_secret} in its configuration, or another
 * one), none of the backup's tokens would verify and no new root would be made, so the restore refuses and says so,
 * unless {@code --reset-root} asks the first start to make a new root token.
 */
final class RestoreCommand {

    static final String USAGE = "usage: ./kvs restore ARCHIVE [CONFIG] [--reset-root]";
    private static final String RESET_ROOT = "--reset-root";

    private RestoreCommand() {
    }

    /** @return the exit status: 0 restored, 1 refused or failed, 2 bad usage */
    static int run(List<String> arguments, PrintStream err) {
        List<String> args = new ArrayList<>(arguments);
        boolean resetRoot = args.remove(RESET_ROOT);
        if (args.isEmpty() || args.size() > 2 || args.stream().anyMatch(a -> a.startsWith("-"))) {
            err.println(USAGE);
            return 2;
        }
        Path archive = Path.of(args.get(0)).toAbsolutePath();
        Path configFile = ConfigLoader.locate(args.size() == 2 ? args.get(1) : null);
        KvsConfig config = Launcher.loadConfig(configFile, err);
        if (config == null) {
            return 1;
        }
        if (!Files.isRegularFile(archive)) {
            err.println("kvs: no backup archive at " + archive);
            return 1;
        }
        if (Launcher.saysNodeRuns(config, configFile, "restoring into its data_dir", err)) {
            return 1;
        }
        try {
            Map<String, String> manifest = BackupArchive.manifest(archive);
            String fingerprint = manifest.get(BackupArchive.JWT_KEY_FINGERPRINT);
            if (fingerprint != null && config.authEnabled() && !resetRoot) {
                // data_dir is empty: only a configured cluster_secret can be the key the backup's tokens need
                Optional<String> orphaning = ClusterSecretSource.orphaning(fingerprint, config.clusterSecret(),
                        config.dataDir());
                if (orphaning.isPresent()) {
                    err.println("kvs: not restored: " + orphaning.get().replace("run ./kvs reset-root CONFIG",
                            "restore with " + RESET_ROOT));
                    return 1;
                }
            }
            BackupArchive.restore(archive, config.dataDir());
            if (fingerprint != null) {
                PrivateFile.create(config.dataDir().resolve(ClusterSecretSource.FINGERPRINT_FILE), fingerprint);
            }
            if (resetRoot) {
                ResetRootCommand.request(config.dataDir());
            }
            err.println("kvs: restored " + manifest.get("keys") + " keys of node " + manifest.get("node_id")
                    + " into " + config.dataDir() + "; start the node with ./kvs " + configFile
                    + (resetRoot ? " (it makes a new root token in " + config.dataDir().resolve(RootBootstrap.TOKEN_FILE)
                    + ")" : ""));
            if (!config.nodeId().equals(manifest.get("node_id"))) {
                err.println("kvs: note: the backup is of node " + manifest.get("node_id") + ", this config's"
                        + " node_id is " + config.nodeId());
            }
            return 0;
        } catch (RestoreRefusedException e) {
            err.println("kvs: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("kvs: restore of " + archive + " failed, data_dir left empty: " + e);
            return 1;
        }
    }
}
