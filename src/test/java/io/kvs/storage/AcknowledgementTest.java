package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callers are answered off the writer thread, after listeners and readers already see their write. */
class AcknowledgementTest {

    @TempDir
    Path dir;

    @Test
    void aCallerIsAnsweredAfterTheListenersOnAnotherThreadWithItsWriteReadable() throws Exception {
        try (Store store = new TestStores(dir).open()) {
            List<String> events = new ArrayList<>();
            store.addListener((previous, current) -> events.add("listener on " + Thread.currentThread().getName()));
            CompletableFuture<String> answered = store.put("k", json("1"), 0, Precondition.NONE)
                    .thenApply(written -> {
                        synchronized (events) {
                            events.add("answer on " + Thread.currentThread().getName());
                        }
                        return store.get("k").map(v -> new String(v.data())).orElse("not readable");
                    });

            assertEquals("1", answered.get(10, TimeUnit.SECONDS));
            synchronized (events) {
                assertEquals(List.of("listener on kvs-store-writer", "answer on kvs-store-acknowledger"), events);
            }
        }
    }

    @Test
    void theNextBatchIsCommittedWhileTheLastOneIsStillBeingAnswered() throws Exception {
        try (Store store = new TestStores(dir).open()) {
            CountDownLatch answering = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // The writer waits until the callback is attached: attached to a completed future it would run
            // on this thread instead of blocking the acknowledger.
            CountDownLatch attached = new CountDownLatch(1);
            store.addListener((previous, current) -> {
                if (current.key().equals("first")) {
                    await(attached);
                }
            });
            store.put("first", json("1"), 0, Precondition.NONE).thenRun(() -> {
                answering.countDown();
                await(release);
            });
            attached.countDown();
            assertTrue(answering.await(10, TimeUnit.SECONDS));

            CompletableFuture<StoredValue> second = store.put("second", json("2"), 0, Precondition.NONE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.get("second").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(store.get("second").isPresent(), "committed while the first caller's answer blocks");
            assertFalse(second.isDone(), "answers keep commit order");

            release.countDown();
            assertEquals("second", second.get(10, TimeUnit.SECONDS).key());
        }
    }

    @Test
    void closeReturnsOnlyOnceEveryCallerIsAnswered() throws Exception {
        Store store = new TestStores(dir).open();
        List<CompletableFuture<StoredValue>> writes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            writes.add(store.put("k" + i, json(String.valueOf(i)), 0, Precondition.NONE));
        }
        store.close();

        for (CompletableFuture<StoredValue> write : writes) {
            assertTrue(write.isDone());
        }
        assertEquals("k499", writes.get(499).join().key());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
