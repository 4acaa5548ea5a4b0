package io.kvs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The exclusive lock on a store directory, held while a store is open there: two processes appending to one log and
 * one index corrupt both, which is what two kvs nodes started with the same data_dir would do. It is an OS file lock
 * on {@code lock} in the directory, so a killed process leaves nothing to clean up; the file itself stays, holding
 * the pid of the last holder for the message of the next one refused. Nothing in the holding process may open the
 * file while it holds the lock (a copy of the directory would): closing that descriptor would release the lock.
 */
public final class StoreLock implements AutoCloseable {

    static final String FILE_NAME = "lock";
    private static final Logger LOG = Logger.getLogger(StoreLock.class.getName());

    /*
     * Directories locked by this JVM. A second attempt from the same process must not even read the file: on Linux,
     * closing any descriptor of a file drops every lock the process holds on it, the first holder's included.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;

    private StoreLock(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /** Locks {@code dir} (created if missing) until {@link #close()}, or fails when another store holds it. */
    static StoreLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path real = dir.toRealPath();
        if (!HELD_HERE.add(real)) {
            throw heldHere(dir);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(real.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                throw heldElsewhere(dir);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            return new StoreLock(real, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_HERE.remove(real);
            throw e;
        }
    }

    /**
     * Fails like {@link #acquire} would while another process holds the lock of {@code dir}; otherwise leaves the
     * directory as it found it, creating nothing. For checks before a node starts or a restore fills the directory.
     */
    public static void checkFree(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return;
        }
        if (HELD_HERE.contains(dir.toRealPath())) {
            throw heldHere(dir);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.tryLock() == null) {
                throw heldElsewhere(dir);
            }
        }
    }

    private static StoreInUseException heldHere(Path dir) {
        return inUse(dir, Long.toString(ProcessHandle.current().pid()));
    }

    /** Reads the holder's pid from the file: safe only because this process holds no lock on it. */
    private static StoreInUseException heldElsewhere(Path dir) {
        String holder;
        try {
            holder = Files.readString(dir.resolve(FILE_NAME), StandardCharsets.UTF_8).strip();
        } catch (IOException unreadable) {
            holder = "";
        }
        return inUse(dir, holder);
    }

    private static StoreInUseException inUse(Path dir, String holder) {
        return new StoreInUseException("another kvs node" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + " holds " + dir.toAbsolutePath().resolve(FILE_NAME) + ": two nodes cannot share a data_dir");
    }

    /** Releases the lock; the process exiting releases it too, so a failure here is only logged. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "releasing the lock of " + dir + " failed; it goes when this process exits", e);
        } finally {
            HELD_HERE.remove(dir);
        }
    }
}
