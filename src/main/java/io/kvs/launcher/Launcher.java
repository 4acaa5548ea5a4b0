package io.kvs.launcher;

import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.config.ConfigException;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.logging.JsonLogProperties;
import io.kvs.node.StoreLifecycle;
import io.kvs.storage.StoreInUseException;
import io.kvs.storage.StoreLock;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Java half of {@code ./kvs}: validates the configuration and prepares the node, then prints the Payara Micro
 * command line NUL-separated on stdout for the script to {@code exec}, so that the node process is the one the
 * operator started and receives its signals directly. Everything meant for people goes to stderr. Nothing here may
 * touch a jakarta class: it runs on a plain JVM before any server exists.
 */
public final class Launcher {

    static final String USAGE = """
            usage: ./kvs [CONFIG]                   start a node
                   ./kvs restore ARCHIVE [CONFIG] [--reset-root]
                                                    restore a backup into the (empty) data_dir of a stopped node
                   ./kvs reset-root [CONFIG]        make the next start of a stopped node issue a new root token
              CONFIG defaults to $KVS_CONFIG, else -Dkvs.config, else ./config.yaml; a missing file is generated
              with every key at its default. Extra JVM options for the node: env KVS_JAVA_OPTS.""";

    private Launcher() {
    }

    public static void main(String[] args) {
        Installation installation = new Installation(Path.of(System.getProperty("kvs.home", "")).toAbsolutePath());
        NodeCommand command = new NodeCommand(Path.of(System.getProperty("java.home"), "bin", "java"), installation,
                System.getenv().getOrDefault("KVS_JAVA_OPTS", ""));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        int status = run(List.of(args), command, out, System.err);
        out.flush();
        System.exit(status);
    }

    /** @return the process exit status: 0 when {@code out} holds a command to exec, 1 on errors, 2 on bad usage */
    static int run(List<String> args, NodeCommand command, PrintStream out, PrintStream err) {
        String first = args.isEmpty() ? "" : args.get(0);
        // Subcommands are matched on the first argument; anything else is the config file of a plain start.
        switch (first) {
            case "-h", "--help" -> {
                err.println(USAGE);
                return 0;
            }
            case "restore" -> {
                return RestoreCommand.run(args.subList(1, args.size()), err);
            }
            case "reset-root" -> {
                return ResetRootCommand.run(args.subList(1, args.size()), err);
            }
            default -> {
                if (args.size() > 1 || first.startsWith("-")) {
                    err.println(USAGE);
                    return 2;
                }
                return start(args.isEmpty() ? null : first, command, out, err);
            }
        }
    }

    private static int start(String configArg, NodeCommand command, PrintStream out, PrintStream err) {
        Path configFile = ConfigLoader.locate(configArg);
        KvsConfig config = loadConfig(configFile, err);
        if (config == null) {
            return 1;
        }
        if (ModuleLayer.boot().findModule("jdk.compiler").isEmpty()) {
            err.println("kvs: the node needs a full JDK 17 (module jdk.compiler, used by Chronicle Map); "
                    + System.getProperty("java.home") + " is not one");
            return 1;
        }
        if (config.authEnabled()) {
            Optional<String> refusal = ClusterSecretSource.refusal(config.clusterSecret(), config.dataDir(),
                    !config.seedNodes().isEmpty());
            if (refusal.isPresent()) {
                err.println("kvs: " + configFile + ": " + refusal.get());
                return 1;
            }
        }
        String inUse = dataDirInUse(config);
        if (inUse != null) {
            err.println("kvs: " + inUse);
            return 1;
        }
        String listenProblem = listenProblem(config.bindAddress(), config.port());
        if (listenProblem != null) {
            err.println("kvs: cannot listen on " + config.bindAddress() + ":" + config.port()
                    + " (bind_address, port in " + configFile + "): " + listenProblem);
            return 1;
        }
        try {
            PrivateDataDir.secure(config.dataDir());
            PayaraRuntimeDir runtime = new PayaraRuntimeDir(config.dataDir());
            runtime.prepare(command.installation().preBootCommands(), config.bindAddress());
            JsonLogProperties.write(runtime.logProperties(), config.logLevel());
        } catch (IOException e) {
            err.println("kvs: cannot prepare data_dir " + config.dataDir() + ": " + e);
            return 1;
        }
        err.println("kvs: starting node " + config.nodeId() + " on " + config.bindAddress() + ":" + config.port()
                + " (config " + configFile + ", data " + config.dataDir() + ")");
        command.forNode(config, configFile).forEach(argument -> out.print(argument + '\0'));
        return 0;
    }

    /** The configuration in {@code configFile} (generated when missing), or null after saying what is wrong in it. */
    static KvsConfig loadConfig(Path configFile, PrintStream err) {
        try {
            return ConfigLoader.loadOrCreate(configFile);
        } catch (ConfigException e) {
            err.println("kvs: config error in " + configFile + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Whether a command for a stopped node (restore, reset-root: {@code doing}) must wait, having said why: a node
     * holds the data_dir, or something listens on the node's address.
     */
    static boolean saysNodeRuns(KvsConfig config, Path configFile, String doing, PrintStream err) {
        String inUse = dataDirInUse(config);
        String why = inUse != null ? inUse + "; stop that node"
                : listenProblem(config.bindAddress(), config.port()) == null ? null
                : "something listens on " + config.bindAddress() + ":" + config.port() + " (bind_address, port in "
                        + configFile + "): stop the node";
        if (why != null) {
            err.println("kvs: " + why + " before " + doing);
        }
        return why != null;
    }

    /**
     * Why no node may start on (or restore into) the configured data_dir, or null: another node holds its store's
     * lock. Only tried, not kept: the node takes it for good when it opens the store inside Payara.
     */
    static String dataDirInUse(KvsConfig config) {
        // STORE_DIRECTORY is a compile-time constant: the CDI bean StoreLifecycle itself is not loaded here.
        Path store = config.dataDir().resolve(StoreLifecycle.STORE_DIRECTORY);
        try {
            StoreLock.checkFree(store);
            return null;
        } catch (StoreInUseException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "cannot check whether another node uses data_dir " + config.dataDir() + ": " + e;
        }
    }

    /** Why the node could not listen where configured (address in use, unknown address), or null if it can. */
    static String listenProblem(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindAddress, port));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
