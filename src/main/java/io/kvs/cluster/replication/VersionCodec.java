package io.kvs.cluster.replication;

import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The node-to-node body that carries whole versions (push replication, anti-entropy fetch and push), media type
 * {@value #MEDIA_TYPE}. Binary, because the data must reach the other node byte for byte as the client wrote it
 * (re-encoding JSON would change it) and without the cost of base64 or of parsing every value. Big-endian:
 * <pre>
 * byte  format (1)
 * int   number of versions, then per version:
 *   ushort key length, key (UTF-8)
 *   long   timestamp, long joined timestamp, long uuid high bits, long uuid low bits
 *   ushort writer node id length, writer node id (UTF-8)
 *   long   expiresAt (0 = never)
 *   byte   1 for a tombstone, else 0
 *   int    data length, data (JSON bytes; absent, length 0, for a tombstone)
 * </pre>
 */
public final class VersionCodec {

    public static final String MEDIA_TYPE = "application/vnd.kvs.versions";

    private static final byte FORMAT = 1;
    private static final int MAX_SHORT = 0xFFFF;

    private VersionCodec() {
    }

    public static byte[] toBytes(List<StoredValue> versions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            write(versions, body);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return body.toByteArray();
    }

    public static List<StoredValue> fromBytes(byte[] body, int maxCount, int maxDataBytes) throws IOException {
        return read(new ByteArrayInputStream(body), maxCount, maxDataBytes);
    }

    public static void write(List<StoredValue> versions, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(sink);
        out.writeByte(FORMAT);
        out.writeInt(versions.size());
        for (StoredValue value : versions) {
            Version version = value.version();
            writeShortString(out, value.key());
            out.writeLong(version.timestamp());
            out.writeLong(version.joinedTimestamp());
            out.writeLong(version.uuid().getMostSignificantBits());
            out.writeLong(version.uuid().getLeastSignificantBits());
            writeShortString(out, version.writerNode());
            out.writeLong(value.expiresAt());
            out.writeBoolean(value.tombstone());
            byte[] data = value.tombstone() || value.data() == null ? new byte[0] : value.data();
            out.writeInt(data.length);
            out.write(data);
        }
        out.flush();
    }

    /**
     * Reads a body written by {@link #write}; refuses (IOException) anything malformed, truncated, or claiming
     * more than {@code maxCount} versions or more than {@code maxDataBytes} in one value.
     */
    public static List<StoredValue> read(InputStream source, int maxCount, int maxDataBytes) throws IOException {
        DataInputStream in = new DataInputStream(source);
        if (in.readByte() != FORMAT) {
            throw new IOException("unknown version batch format");
        }
        int count = in.readInt();
        if (count < 0 || count > maxCount) {
            throw new IOException("version batch of " + count + " exceeds " + maxCount);
        }
        List<StoredValue> versions = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            String key = readShortString(in);
            Version version = new Version(in.readLong(), in.readLong(), new UUID(in.readLong(), in.readLong()),
                    readShortString(in));
            long expiresAt = in.readLong();
            boolean tombstone = in.readBoolean();
            int length = in.readInt();
            if (length < 0 || length > maxDataBytes || (tombstone && length > 0)) {
                throw new IOException("bad data length " + length + " for key " + key);
            }
            byte[] data = in.readNBytes(length);
            if (data.length != length) {
                throw new IOException("version batch truncated");
            }
            if (key.isEmpty() || version.writerNode().isEmpty()) {
                throw new IOException("version without key or writer");
            }
            versions.add(new StoredValue(key, version, expiresAt, tombstone, tombstone ? null : data));
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes after version batch");
        }
        return versions;
    }

    private static void writeShortString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_SHORT) {
            throw new IllegalArgumentException("string of " + bytes.length + " bytes too long for a version batch");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static String readShortString(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("version batch truncated");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("malformed UTF-8 in version batch", e);
        }
    }
}
