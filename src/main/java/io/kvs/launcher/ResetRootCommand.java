package io.kvs.launcher;

import io.kvs.auth.RootBootstrap;
import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.auth.tokens.PrivateFile;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./kvs reset-root [CONFIG]}, for a stopped node: its next start creates a new user {@code root} with a new
 * admin token in {@code {data_dir}/root.token}, with the key the node then has ({@code cluster_secret}, else
 * {@code {data_dir}/cluster.secret}, else a newly generated one), even though users exist. The way back in when the
 * root token is lost, or when the secret the tokens were made with is gone (tokens made with another key stay
 * invalid: that is what a key change means). Offline on purpose: whoever may write into data_dir may do this, and
 * nobody else.
 */
final class ResetRootCommand {

    static final String USAGE = "usage: ./kvs reset-root [CONFIG]";

    private ResetRootCommand() {
    }

    /** @return the exit status: 0 requested, 1 refused, 2 bad usage */
    static int run(List<String> args, PrintStream err) {
        if (args.size() > 1 || args.stream().anyMatch(a -> a.startsWith("-"))) {
            err.println(USAGE);
            return 2;
        }
        Path configFile = ConfigLoader.locate(args.isEmpty() ? null : args.get(0));
        KvsConfig config = Launcher.loadConfig(configFile, err);
        if (config == null) {
            return 1;
        }
        if (!config.authEnabled()) {
            err.println("kvs: auth_enabled is false in " + configFile + ": there is no root token to reset");
            return 1;
        }
        if (!Files.isDirectory(config.dataDir())) {
            err.println("kvs: no data_dir at " + config.dataDir() + ": a first start makes the root token anyway");
            return 1;
        }
        if (Launcher.saysNodeRuns(config, configFile, "resetting its root token", err)) {
            return 1;
        }
        try {
            request(config.dataDir());
        } catch (IOException e) {
            err.println("kvs: cannot write into data_dir " + config.dataDir() + ": " + e);
            return 1;
        }
        err.println("kvs: the next start of node " + config.nodeId() + " (./kvs " + configFile + ") creates a new"
                + " user root and writes its admin token to " + config.dataDir().resolve(RootBootstrap.TOKEN_FILE));
        return 0;
    }

    /** Leaves the request the next start acts on (and removes). */
    static void request(Path dataDir) throws IOException {
        Path marker = dataDir.resolve(ClusterSecretSource.RESET_ROOT_FILE);
        if (!Files.exists(marker)) {
            PrivateFile.create(marker, "requested by ./kvs reset-root");
        }
    }
}
