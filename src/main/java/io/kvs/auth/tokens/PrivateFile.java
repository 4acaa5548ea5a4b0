package io.kvs.auth.tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Secret files (root token, cluster secret): created with mode 0600 from the first byte (never written first and
 * restricted afterwards, which would leave a window where others can read them) and forced to disk.
 */
public final class PrivateFile {

    private static final Set<StandardOpenOption> CREATE_NEW =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private PrivateFile() {
    }

    /** Creates {@code path} holding {@code text} plus a newline; fails if it already exists. */
    public static void create(Path path, String text) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(path, CREATE_NEW, OWNER_ONLY)) {
            ByteBuffer bytes = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /** The file's text without surrounding whitespace; empty when the file does not exist. */
    public static Optional<String> read(Path path) throws IOException {
        return Files.exists(path) ? Optional.of(Files.readString(path, StandardCharsets.UTF_8).strip()) : Optional.empty();
    }
}
