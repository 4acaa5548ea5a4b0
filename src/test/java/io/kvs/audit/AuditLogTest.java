package io.kvs.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private AuditLog log;

    @AfterEach
    void closeLog() throws IOException {
        if (log != null) {
            log.close();
        }
    }

    private AuditLog open() throws IOException {
        log = AuditLog.open(dir, "node-1", true, clock::incrementAndGet, Thread::new);
        return log;
    }

    private static AuditEvent put(int i) {
        return new AuditEvent("user-" + i, "PUT /kv", "key/" + i, HashChain.sha256Hex(("v" + i).getBytes()));
    }

    private void appendAll(int count) throws Exception {
        int first = (int) log.head().seq() + 1;
        for (int i = first; i < first + count; i++) {
            log.append(put(i)).get();
        }
    }

    private Path file() {
        return dir.resolve(AuditLog.FILE_NAME);
    }

    /** Rewrites the log's lines on disk while the node keeps running, as an intruder would. */
    private void tamper(UnaryOperator<List<String>> edit) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file(), StandardCharsets.ISO_8859_1));
        List<String> edited = edit.apply(lines);
        Files.write(file(), (String.join("\n", edited) + "\n").getBytes(StandardCharsets.ISO_8859_1),
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private void assertBrokenAt(long seq) throws IOException {
        ChainVerdict verdict = log.verify();
        assertFalse(verdict.valid());
        assertEquals(seq, verdict.firstBadSeq());
    }

    @Test
    void appendsFormAChainThatVerifies() throws Exception {
        open();
        AuditEntry first = log.append(put(1)).get();
        AuditEntry second = log.append(put(2)).get();
        assertEquals(1, first.seq());
        assertEquals(HashChain.GENESIS, first.prevHash());
        assertEquals(2, second.seq());
        assertEquals(first.hash(), second.prevHash());
        assertEquals("node-1", second.nodeId());
        assertEquals(new ChainVerdict(true, 2, null), log.verify());
    }

    @Test
    void emptyLogVerifies() throws Exception {
        open();
        assertEquals(new ChainVerdict(true, 0, null), log.verify());
    }

    @Test
    void editedFieldIsDetectedAtItsEntry() throws Exception {
        open();
        appendAll(6);
        tamper(lines -> {
            lines.set(2, lines.get(2).replace("key%2F3", "key%2F9"));
            return lines;
        });
        assertBrokenAt(3);
    }

    @Test
    void editedFieldWithRecomputedHashIsDetectedAtTheNextEntry() throws Exception {
        open();
        appendAll(6);
        tamper(lines -> {
            lines.set(2, forgeLine(lines.get(2), entry -> new AuditEvent("intruder", entry.action(), entry.key(),
                    entry.valueSha256())));
            return lines;
        });
        assertBrokenAt(4);
    }

    @Test
    void deletedEntryIsDetectedWhereItIsMissing() throws Exception {
        open();
        appendAll(6);
        tamper(lines -> {
            lines.remove(3);
            return lines;
        });
        assertBrokenAt(4);
    }

    @Test
    void deletedNewestEntryIsDetected() throws Exception {
        open();
        appendAll(6);
        tamper(lines -> lines.subList(0, 5));
        assertBrokenAt(6);
    }

    @Test
    void reorderedEntriesAreDetectedAtTheFirstMovedOne() throws Exception {
        open();
        appendAll(6);
        tamper(lines -> {
            Collections.swap(lines, 1, 4);
            return lines;
        });
        assertBrokenAt(2);
    }

    @Test
    void truncatedLineIsDetected() throws Exception {
        open();
        appendAll(6);
        tamper(lines -> {
            lines.set(4, lines.get(4).substring(0, 40));
            return lines;
        });
        assertBrokenAt(5);
    }

    @Test
    void garbageLineIsDetected() throws Exception {
        open();
        appendAll(3);
        tamper(lines -> {
            lines.set(0, "not an entry at all");
            return lines;
        });
        assertBrokenAt(1);
    }

    @Test
    void insertedCopyOfAnEntryIsDetected() throws Exception {
        open();
        appendAll(6);
        tamper(lines -> {
            lines.add(2, lines.get(1));
            return lines;
        });
        assertBrokenAt(3);
    }

    @Test
    void insertedForgedEntryBreaksTheChainAfterIt() throws Exception {
        open();
        appendAll(6);
        tamper(lines -> {
            AuditEntry second = HashChain.parse(lines.get(1));
            AuditEntry forged = HashChain.link(3, second.timestamp(), "node-1",
                    new AuditEvent("intruder", "PUT /kv", "k", null), second.hash());
            lines.add(2, HashChain.line(forged).strip());
            return lines;
        });
        assertBrokenAt(4);
    }

    @Test
    void entryAppendedByAnIntruderIsDetected() throws Exception {
        open();
        appendAll(4);
        AuditEntry last = HashChain.parse(Files.readAllLines(file()).get(3));
        AuditEntry forged = HashChain.link(5, last.timestamp(), "node-1",
                new AuditEvent("intruder", "PUT /kv", "k", null), last.hash());
        Files.writeString(file(), HashChain.line(forged), StandardOpenOption.APPEND);
        assertBrokenAt(5);
    }

    @Test
    void consistentRewriteOfTheNewestEntryIsDetectedWhileRunning() throws Exception {
        open();
        appendAll(4);
        tamper(lines -> {
            lines.set(3, forgeLine(lines.get(3), e -> new AuditEvent(e.actor(), e.action(), "other", null)));
            return lines;
        });
        assertBrokenAt(4);
    }

    @Test
    void tamperingIsStillDetectedAfterARestart() throws Exception {
        open();
        appendAll(5);
        log.close();
        tamper(lines -> {
            lines.remove(1);
            return lines;
        });
        log = null;
        open();
        assertBrokenAt(2);
    }

    @Test
    void reopenedLogContinuesTheChain() throws Exception {
        open();
        appendAll(3);
        AuditLog.Head head = log.head();
        log.close();
        open();
        assertEquals(head, log.head());
        AuditEntry next = log.append(put(4)).get();
        assertEquals(4, next.seq());
        assertEquals(head.hash(), next.prevHash());
        assertEquals(new ChainVerdict(true, 4, null), log.verify());
    }

    @Test
    void tornLastWriteIsCutOffOnReopen() throws Exception {
        open();
        appendAll(3);
        log.close();
        Files.writeString(file(), "4\t17000000", StandardOpenOption.APPEND);
        open();
        assertEquals(3, log.head().seq());
        assertEquals(4, log.append(put(4)).get().seq());
        assertTrue(log.verify().valid());
    }

    @Test
    void unreadableLastEntryRefusesToContinueTheChain() throws Exception {
        open();
        appendAll(3);
        log.close();
        log = null;
        tamper(lines -> {
            lines.set(2, "garbage");
            return lines;
        });
        IOException refused = assertThrows(IOException.class, this::open);
        assertTrue(refused.getMessage().contains("unreadable"));
    }

    @Test
    void readPagesThroughTheChainInOrder() throws Exception {
        open();
        appendAll(10);
        AuditPage first = log.read(0, 4);
        assertEquals(List.of(1L, 2L, 3L, 4L), first.entries().stream().map(AuditEntry::seq).toList());
        assertEquals(4L, first.nextSinceSeq());
        AuditPage last = log.read(8, 4);
        assertEquals(List.of(9L, 10L), last.entries().stream().map(AuditEntry::seq).toList());
        assertNull(last.nextSinceSeq());
        AuditPage exact = log.read(6, 4);
        assertNull(exact.nextSinceSeq());
        assertTrue(log.read(10, 4).entries().isEmpty());
        assertEquals("key/3", first.entries().get(2).key());
    }

    @Test
    void readFarIntoALongLogUsesRememberedOffsetsAndSurvivesEdits() throws Exception {
        log = AuditLog.open(dir, "node-1", false, clock::incrementAndGet, Thread::new);
        List<CompletableFuture<AuditEntry>> pending = new ArrayList<>();
        for (int i = 1; i <= 9_000; i++) {
            pending.add(log.append(put(i)));
        }
        pending.get(pending.size() - 1).get();
        assertEquals(List.of(8_193L, 8_194L), log.read(8_192, 2).entries().stream().map(AuditEntry::seq).toList());
        tamper(lines -> {
            lines.remove(0);
            return lines;
        });
        assertEquals(List.of(8_193L), log.read(8_192, 1).entries().stream().map(AuditEntry::seq).toList());
    }

    @Test
    void concurrentAppendsGetDistinctConsecutiveSeqs() throws Exception {
        open();
        List<Thread> threads = new ArrayList<>();
        Set<Long> seqs = Collections.synchronizedSet(new HashSet<>());
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    try {
                        seqs.add(log.append(put(i)).get().seq());
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(800, seqs.size());
        assertEquals(800, log.head().seq());
        assertEquals(new ChainVerdict(true, 800, null), log.verify());
    }

    @Test
    void appendAfterCloseFails() throws Exception {
        open();
        log.close();
        assertThrows(ExecutionException.class, () -> log.append(put(1)).get());
    }

    /** Replaces an entry by a well-formed one with the same seq and prev_hash, as a careful intruder would. */
    private static String forgeLine(String line, Function<AuditEntry, AuditEvent> change) {
        AuditEntry original = HashChain.parse(line);
        return HashChain.line(HashChain.link(original.seq(), original.timestamp(), original.nodeId(),
                change.apply(original), original.prevHash())).strip();
    }
}
