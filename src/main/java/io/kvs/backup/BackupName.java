package io.kvs.backup;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of a backup archive, {@code kvs-{node_id}-{yyyyMMdd-HHmmss}.tar.zst}, with the time in the node's
 * local time zone (the zone of {@code backup_schedule}). Retention reads a backup's age from this name, not from
 * file times, which copying or restoring from elsewhere would change.
 */
public record BackupName(String nodeId, LocalDateTime takenAt) {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern FILE = Pattern.compile("kvs-([A-Za-z0-9._-]+)-([0-9]{8}-[0-9]{6})\\.tar\\.zst");

    public BackupName {
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node_id \"" + nodeId + "\" cannot be part of a backup file name:"
                    + " use letters, digits, '.', '_' and '-'");
        }
        takenAt = takenAt.withNano(0);
    }

    public String fileName() {
        return "kvs-" + nodeId + "-" + STAMP.format(takenAt) + ".tar.zst";
    }

    /** The backup a file name denotes; empty for any other file. */
    public static Optional<BackupName> parse(String fileName) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BackupName(m.group(1), LocalDateTime.parse(m.group(2), STAMP)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
