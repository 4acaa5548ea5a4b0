package io.kvs.audit;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The audit chain's stored form and its hashing rule, in one place.
 *
 * <p>Canonical form. Each entry is one line of printable ASCII ended by {@code '\n'}: nine fields separated by one
 * TAB (0x09), in this order: {@code seq, timestamp, node_id, actor, action, key, value_sha256, prev_hash, hash}.
 * <ul>
 *   <li>{@code seq} (1, 2, 3, ...) and {@code timestamp} (Unix ms): decimal, no sign, no leading zero.</li>
 *   <li>{@code node_id, actor, action, key}: the UTF-8 bytes percent-encoded as {@link URLEncoder} does (ASCII
 *       letters, digits and {@code . - * _} kept, space written {@code +}, every other byte {@code %XX}); an absent
 *       value is the empty field. No field can therefore hold a TAB, a newline or a non-ASCII byte.</li>
 *   <li>{@code value_sha256}: 64 lower-case hex digits, or empty when no value was written.</li>
 *   <li>{@code prev_hash}, {@code hash}: 64 lower-case hex digits; the first entry's {@code prev_hash} is 64 zeros.</li>
 * </ul>
 * {@code hash} is the lower-case hex SHA-256 of the line's bytes before its last TAB, i.e. the first eight fields
 * joined by TABs, {@code prev_hash} included. Hashing the stored bytes rather than re-encoded values means any byte
 * changed on disk breaks the chain, and anyone can re-check it with standard tools:
 * {@code sed -n 1p audit.log | cut -f1-8 | tr -d '\n' | sha256sum}.
 */
public final class HashChain {

    /** The {@code prev_hash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final char SEPARATOR = '\t';
    private static final int FIELDS = 9;
    private static final Pattern PRINTABLE = Pattern.compile("[\\t\\x20-\\x7e]*");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {
    }

    /** The entry that follows {@code prevHash} in the chain, with its hash computed. */
    public static AuditEntry link(long seq, long timestamp, String nodeId, AuditEvent event, String prevHash) {
        AuditEntry unhashed = new AuditEntry(seq, timestamp, absentIfEmpty(nodeId), absentIfEmpty(event.actor()),
                absentIfEmpty(event.action()), absentIfEmpty(event.key()), absentIfEmpty(event.valueSha256()),
                prevHash, null);
        String hashed = hashedPart(unhashed);
        return new AuditEntry(unhashed.seq(), unhashed.timestamp(), unhashed.nodeId(), unhashed.actor(),
                unhashed.action(), unhashed.key(), unhashed.valueSha256(), prevHash, sha256Hex(bytes(hashed)));
    }

    /** The stored line of {@code entry}, newline included. */
    public static String line(AuditEntry entry) {
        return hashedPart(entry) + SEPARATOR + entry.hash() + '\n';
    }

    /**
     * Reads one stored line (without its newline) and checks that its hash covers its bytes.
     *
     * @throws IllegalArgumentException when the line is not in canonical form or its hash does not match
     */
    public static AuditEntry parse(String line) {
        if (!PRINTABLE.matcher(line).matches()) {
            throw new IllegalArgumentException("entry holds a byte outside printable ASCII");
        }
        String[] f = line.split(String.valueOf(SEPARATOR), -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " fields, found " + f.length);
        }
        if (!DECIMAL.matcher(f[0]).matches() || !DECIMAL.matcher(f[1]).matches()) {
            throw new IllegalArgumentException("seq and timestamp must be decimal");
        }
        if (!(f[6].isEmpty() || SHA256_HEX.matcher(f[6]).matches())
                || !SHA256_HEX.matcher(f[7]).matches() || !SHA256_HEX.matcher(f[8]).matches()) {
            throw new IllegalArgumentException("hashes must be 64 lower-case hex digits");
        }
        String expected = sha256Hex(bytes(line.substring(0, line.lastIndexOf(SEPARATOR))));
        if (!expected.equals(f[8])) {
            throw new IllegalArgumentException("hash does not match the entry");
        }
        return new AuditEntry(Long.parseLong(f[0]), Long.parseLong(f[1]), decode(f[2]), decode(f[3]),
                decode(f[4]), decode(f[5]), f[6].isEmpty() ? null : f[6], f[7], f[8]);
    }

    /** Lower-case hex SHA-256 of {@code bytes}, as used for {@code value_sha256}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static String hashedPart(AuditEntry e) {
        return String.join(String.valueOf(SEPARATOR), Long.toString(e.seq()), Long.toString(e.timestamp()),
                encode(e.nodeId()), encode(e.actor()), encode(e.action()), encode(e.key()),
                e.valueSha256() == null ? "" : e.valueSha256(), e.prevHash());
    }

    private static String encode(String text) {
        return text == null ? "" : URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String field) {
        return field.isEmpty() ? null : URLDecoder.decode(field, StandardCharsets.UTF_8);
    }

    private static String absentIfEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** Lines are read byte for byte as ISO-8859-1, so this gives back exactly the bytes on disk. */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
