package io.kvs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the index in line with the log at open. After a clean close the persisted map is trusted and the log is
 * replayed from its checkpoint. Otherwise (no clean-shutdown marker, no map, no checkpoint, or the map fails to
 * open or replay) the map is deleted unopened and rebuilt from the whole log: a map left by a crash may hold a
 * segment lock that hangs later writes, and the log is the truth anyway.
 *
 * <p>A record is applied iff its version wins over, or equals, the indexed one. So the order of segments does not
 * matter, and of two copies of a version (left by compaction) the later one, whose revision links are current,
 * ends up indexed.
 */
final class IndexRecovery {

    private static final Logger LOG = Logger.getLogger(IndexRecovery.class.getName());

    private final AppendLog log;
    private final int revisionLimit;
    private KeyIndex index;

    private IndexRecovery(AppendLog log, int revisionLimit) {
        this.log = log;
        this.revisionLimit = revisionLimit;
    }

    static KeyIndex open(Path file, long capacity, boolean clean, AppendLog log, int revisionLimit)
            throws IOException {
        IndexRecovery recovery = new IndexRecovery(log, revisionLimit);
        if (clean) {
            try {
                recovery.index = KeyIndex.openExisting(file, capacity);
                Location checkpoint = recovery.index.checkpoint();
                Segment at = checkpoint == null ? null : log.segment(checkpoint.segment());
                if (at == null || at.size() < checkpoint.offset()) {
                    throw new IOException("the index checkpoint " + checkpoint + " is not in the log");
                }
                recovery.replay(checkpoint);
                return recovery.index;
            } catch (IOException | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "index unusable ({0}); rebuilding it from the log", e.toString());
                LOG.log(Level.FINE, "index unusable", e);
                recovery.closeQuietly();
            }
        } else {
            LOG.info("no clean-shutdown marker: rebuilding the index from the log");
        }
        recovery.index = KeyIndex.create(file, capacity);
        recovery.replay(new Location(0, 0));
        return recovery.index;
    }

    private void replay(Location from) throws IOException {
        List<Segment> segments = log.segments();
        long start = System.nanoTime();
        long[] records = {0};
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.number < from.segment()) {
                continue;
            }
            long offset = segment.number == from.segment() ? from.offset() : 0;
            SegmentScanner.scan(segment, offset, i == segments.size() - 1, (record, at) -> {
                apply(record, at);
                records[0]++;
            });
        }
        LOG.log(Level.INFO, "replayed {0} log records in {1} ms",
                new Object[] {records[0], (System.nanoTime() - start) / 1_000_000});
    }

    private void apply(ByteBuffer buf, Location at) {
        int start = buf.position();
        int length = buf.limit() - start;
        LogRecord record = LogRecord.decode(buf, start);
        IndexEntry current = index.get(record.key());
        Version version = record.version();
        int order = current == null ? 1 : VersionOrder.WINNER_LAST.compare(version, current.version(index.writers()));
        if (order < 0) {
            return;
        }
        IndexEntry entry = new IndexEntry(at.segment(), at.offset(), length, version.timestamp(),
                version.joinedTimestamp(), version.uuid(), record.expiresAt(), record.tombstone(),
                index.writers().codeFor(version.writerNode()), 1, length);
        index.put(record.key(), order == 0
                ? entry.movedTo(at, length, current.depth(), current.chainBytes())
                : Mutations.chained(entry, current, revisionLimit));
    }

    private void closeQuietly() {
        if (index != null) {
            try {
                index.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the unusable index", e);
            }
            index = null;
        }
    }
}

