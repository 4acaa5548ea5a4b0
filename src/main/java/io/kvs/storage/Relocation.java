package io.kvs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What compaction did with one key's chain, to be swapped into the index on the writer thread: the part of the
 * chain in sealed segments, from {@code sealedHead} back, was copied to {@code newHead} ({@code depth} records,
 * {@code bytes} bytes), or dropped when {@code newHead} is null.
 *
 * <p>If the key is still at the version compaction saw, the index just moves to the copy (or forgets the key when
 * it was purged). If records were written after the seal, they link into the sealed segments about to be deleted:
 * they are appended again, relinked onto the copy, so that no reachable record points into a deleted segment.
 */
record Relocation(String key, byte[] keyBytes, IndexEntry observed, Location sealedHead, Location newHead,
                  int newLength, int depth, long bytes, boolean purgeKey) {

    /** Runs on the writer thread, in an exclusive batch. */
    void swap(Batch batch, AppendLog log, int revisionLimit) throws IOException {
        IndexEntry current = batch.current(key);
        if (current == null) {
            return;
        }
        if (current.at(observed.location()) && observed.at(sealedHead)) {
            batch.change(key, keyBytes, current,
                    purgeKey ? null : current.movedTo(newHead, newLength, depth, bytes), null);
            return;
        }
        List<ByteBuffer> newer = new ArrayList<>();
        Location at = current.location();
        int length = current.length();
        while (at != null && !at.equals(sealedHead) && newer.size() < revisionLimit) {
            ByteBuffer record = log.read(at, length, null);
            newer.add(record);
            at = LogRecord.decode(record, 0).previous();
            length = 0;
        }
        if (!sealedHead.equals(at)) {
            return;
        }
        Location previous = newHead;
        long chainBytes = newHead == null ? 0 : bytes;
        int chainDepth = newHead == null ? 0 : depth;
        for (int i = newer.size() - 1; i >= 0; i--) {
            ByteBuffer record = newer.get(i);
            LogRecord.relinkCopy(record, previous);
            previous = batch.reserve(record.limit());
            batch.buffer().put(record);
            chainBytes += record.limit();
            chainDepth++;
        }
        batch.change(key, keyBytes, current, current.movedTo(previous, current.length(),
                Math.min(chainDepth, revisionLimit), chainBytes), null);
    }
}
