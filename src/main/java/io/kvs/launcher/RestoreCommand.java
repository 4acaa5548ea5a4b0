package io.kvs.launcher;

import io.kvs.backup.BackupArchive;
import io.kvs.backup.RestoreRefusedException;
import io.kvs.config.ConfigException;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./kvs restore ARCHIVE [CONFIG]}: unpacks a backup into the configured {@code data_dir}, which must be
 * empty, while no node runs there. The node started afterwards rebuilds its index from the restored log and serves
 * exactly the data of the backup.
 */
final class RestoreCommand {

    static final String USAGE = "usage: ./kvs restore ARCHIVE [CONFIG]";

    private RestoreCommand() {
    }

    /** @return the exit status: 0 restored, 1 refused or failed, 2 bad usage */
    static int run(List<String> args, PrintStream err) {
        if (args.isEmpty() || args.size() > 2) {
            err.println(USAGE);
            return 2;
        }
        Path archive = Path.of(args.get(0)).toAbsolutePath();
        Path configFile = ConfigLoader.locate(args.size() == 2 ? args.get(1) : null);
        KvsConfig config;
        try {
            config = ConfigLoader.loadOrCreate(configFile);
        } catch (ConfigException e) {
            err.println("kvs: config error in " + configFile + ": " + e.getMessage());
            return 1;
        }
        if (!Files.isRegularFile(archive)) {
            err.println("kvs: no backup archive at " + archive);
            return 1;
        }
        String inUse = Launcher.dataDirInUse(config);
        if (inUse != null) {
            err.println("kvs: " + inUse + "; stop that node before restoring into its data_dir");
            return 1;
        }
        if (Launcher.listenProblem(config.bindAddress(), config.port()) != null) {
            err.println("kvs: something listens on " + config.bindAddress() + ":" + config.port() + " (bind_address,"
                    + " port in " + configFile + "): stop the node before restoring into its data_dir");
            return 1;
        }
        try {
            Map<String, String> manifest = BackupArchive.restore(archive, config.dataDir());
            err.println("kvs: restored " + manifest.get("keys") + " keys of node " + manifest.get("node_id")
                    + " into " + config.dataDir() + "; start the node with ./kvs " + configFile);
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
