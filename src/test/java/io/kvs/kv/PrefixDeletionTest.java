package io.kvs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.node.NodeIdentity;
import io.kvs.node.StoreLifecycle;
import io.kvs.refusals.NotPermittedException;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixDeletionTest {

    @TempDir
    Path dir;
    private Store store;
    private final List<String> reported = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        KvsConfig config = ConfigLoader.parse("node_id: \"node-a\"\ndata_dir: \"" + dir + "\"\nauth_enabled: false\n"
                + "durability: \"async\"\nindex_capacity: 10000\n");
        store = Store.open(StoreLifecycle.settings(config, new NodeIdentity("node-a", 1_000L)), Thread::new);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void put(String... keys) {
        CompletableFuture.allOf(Arrays.stream(keys)
                .map(key -> store.put(key, "1".getBytes(StandardCharsets.UTF_8), 0, Precondition.NONE))
                .toArray(CompletableFuture[]::new)).join();
    }

    private boolean live(String key) {
        return store.get(key).isPresent();
    }

    private PrefixDeletion.Outcome delete(String prefix, Function<String, CompletableFuture<StoredValue>> deleter) {
        return PrefixDeletion.run(store, prefix, deleter, reported::add);
    }

    private CompletableFuture<StoredValue> plainDelete(String key) {
        return store.delete(key, Precondition.NONE);
    }

    @Test
    void deletesEveryLiveKeyUnderThePrefixAndNothingBeside() {
        put("app/a", "app/b/c", "app0", "ap", "apps/x");
        PrefixDeletion.Outcome outcome = delete("app/", this::plainDelete);
        assertEquals(new PrefixDeletion.Outcome(2, 0), outcome);
        assertEquals(List.of("app/a", "app/b/c"), reported, "each deleted key is reported once, in key order");
        assertFalse(live("app/a") || live("app/b/c"));
        assertTrue(live("app0") && live("ap") && live("apps/x"));
        assertEquals("{\"deleted\":2,\"skipped\":0}", new String(outcome.json(), StandardCharsets.US_ASCII));
    }

    @Test
    void keysTheCallerMayNotDeleteAreLeftAndCounted() {
        put("p/mine", "p/theirs", "p/theirs2");
        PrefixDeletion.Outcome outcome = delete("p/", key -> {
            if (key.contains("theirs")) {
                throw new NotPermittedException("no delete permission on " + key);
            }
            return plainDelete(key);
        });
        assertEquals(new PrefixDeletion.Outcome(1, 2), outcome);
        assertTrue(live("p/theirs") && live("p/theirs2"));
    }

    @Test
    void aKeyDeletedMeanwhileIsNeitherDeletedNorSkipped() {
        put("p/a", "p/b");
        PrefixDeletion.Outcome outcome = delete("p/", key -> key.equals("p/a")
                ? CompletableFuture.failedFuture(new NoLiveValueException(key)) : plainDelete(key));
        assertEquals(new PrefixDeletion.Outcome(1, 0), outcome);
        assertEquals(List.of("p/b"), reported);
    }

    @Test
    void theEmptyPrefixDeletesEveryClientKeyButNoReservedOne() {
        put("a", "b/c", "_meta/a");
        assertEquals(new PrefixDeletion.Outcome(2, 0), delete("", this::plainDelete));
        assertTrue(live("_meta/a"), "internal records are not the client's to delete");
    }

    @Test
    void deletesPastOnePage() {
        put(IntStream.range(0, PrefixDeletion.PAGE * 2 + 5).mapToObj(i -> String.format("many/%05d", i))
                .toArray(String[]::new));
        assertEquals(PrefixDeletion.PAGE * 2 + 5, delete("many/", this::plainDelete).deleted());
        assertEquals(List.of(), store.range("many/", "many0", 10, false, k -> true).items());
    }

    @Test
    void aStoreFailureIsRaisedAfterThePagesOtherDeletesAreReported() {
        put("p/a", "p/b", "p/c");
        CompletionException failure = assertThrows(CompletionException.class, () -> delete("p/", key ->
                key.equals("p/b") ? CompletableFuture.failedFuture(new IllegalStateException("disk full"))
                        : plainDelete(key)));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals(List.of("p/a", "p/c"), reported, "what did land is audited");
    }
}
