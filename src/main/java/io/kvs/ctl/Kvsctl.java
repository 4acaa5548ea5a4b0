package io.kvs.ctl;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/** {@code kvsctl}: the top command, its connection options (every subcommand takes them) and the process's streams. */
// scope INHERIT gives every subcommand --help and --version, and the exit codes' footer
@Command(name = "kvsctl", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Kvsctl.Version.class,
        description = "Command-line client of a kvs node (README.md, \"kvsctl\").",
        footerHeading = "%n", footer = ExitCodes.HELP,
        subcommands = {KeyCommands.Get.class, KeyCommands.Put.class, KeyCommands.Del.class, ListCommand.class,
                WatchCommand.class, NodeCommands.Members.class, NodeCommands.Status.class, NodeCommands.Health.class,
                AccountCommands.Users.class, AccountCommands.Groups.class, AccountCommands.Tokens.class,
                NodeCommands.Backups.class, NodeCommands.Compact.class, NodeCommands.Audit.class,
                CommandLine.HelpCommand.class})
public final class Kvsctl {

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:KVS_ENDPOINT:-http://127.0.0.1:8080}",
            description = "the node to talk to (env KVS_ENDPOINT; default ${DEFAULT-VALUE})")
    String endpoint;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT",
            description = "bearer token (default: env KVS_TOKEN, unless --token-file is given)")
    String token;

    @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "read the bearer token from a file, e.g. data/node1/root.token")
    Path tokenFile;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "json|table",
            description = "json or table (default: table on a terminal, json when piped)")
    Output.Format format;

    private final InputStream in;
    private final PrintStream out;
    private final boolean onTerminal;
    private final UnaryOperator<String> environment;

    /** The process's own streams (picocli's completion generator instantiates the command this way). */
    Kvsctl() {
        this(System.in, System.out, System.console() != null, System::getenv);
    }

    Kvsctl(InputStream in, PrintStream out, boolean onTerminal, UnaryOperator<String> environment) {
        this.in = in;
        this.out = out;
        this.onTerminal = onTerminal;
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.in, System.out, System.err, System.console() != null, System::getenv)
                .execute(args));
    }

    /** The command line with its streams, and failures turned into their message and exit code. */
    static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err, boolean onTerminal,
                                   UnaryOperator<String> environment) {
        CommandLine line = new CommandLine(new Kvsctl(in, out, onTerminal, environment));
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof CtlException refused) {
                err.println("kvsctl: " + refused.getMessage());
                return refused.exitCode();
            }
            throw failure;
        });
        return line;
    }

    /** The token given on the command line wins over KVS_TOKEN, so a token file works in a shell that exports it. */
    KvsClient client() {
        if (token != null && tokenFile != null) {
            throw new CtlException(ExitCodes.USAGE, "give --token or --token-file, not both");
        }
        String bearer = tokenFile != null ? readToken(tokenFile)
                : token != null ? token : environment.apply("KVS_TOKEN");
        return new KvsClient(endpoint, emptyToNull(bearer));
    }

    Output output() {
        return new Output(format, onTerminal, out);
    }

    boolean onTerminal() {
        return onTerminal;
    }

    /** Standard input, as text (a value for {@code put KEY -}, an answer to a confirmation). */
    BufferedReader input() {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new CtlException(ExitCodes.USAGE, "cannot read the token file " + file + ": " + e.getMessage());
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** {@code kvsctl --version}: the project version the build wrote into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Kvsctl.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"kvsctl " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
