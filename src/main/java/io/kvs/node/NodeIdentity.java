package io.kvs.node;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * Who this node is in the cluster: its id (from the configuration) and when it joined. The join time takes part in
 * the version order (SPEC §4), so it must never change while the node keeps its data: it is written to
 * {@value #FILE_NAME} in the data directory on the first start and read back on every later one.
 */
public record NodeIdentity(String nodeId, long joinedTimestamp) {

    public static final String FILE_NAME = "node-identity.properties";
    private static final String JOINED = "joined_timestamp";

    /** Reads the join time recorded in {@code dataDir}, or records {@code clock}'s now there when there is none. */
    public static NodeIdentity loadOrCreate(Path dataDir, String nodeId, LongSupplier clock) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new NodeIdentity(nodeId, readJoined(file));
        }
        long joined = clock.getAsLong();
        write(dataDir, file, joined);
        return new NodeIdentity(nodeId, joined);
    }

    private static long readJoined(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String joined = properties.getProperty(JOINED);
        try {
            return Long.parseLong(joined == null ? "" : joined.trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + " has no valid " + JOINED + "; restore it or empty the data directory", e);
        }
    }

    // Written to a temporary file, forced, then renamed: a crash leaves either no file or a complete one.
    private static void write(Path dataDir, Path file, long joined) throws IOException {
        Files.createDirectories(dataDir);
        Path temporary = dataDir.resolve(FILE_NAME + ".tmp");
        Properties properties = new Properties();
        properties.setProperty(JOINED, Long.toString(joined));
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "kvs node identity: keep with the data, never edit");
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
