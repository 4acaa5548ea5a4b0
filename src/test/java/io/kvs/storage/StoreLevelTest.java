package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Store#level}: one level of the keys under a prefix (SPEC §10). */
class StoreLevelTest {

    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void open() throws Exception {
        store = new TestStores(dir).open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void put(String... keys) {
        for (String key : keys) {
            store.put(key, json("1"), 0, Precondition.NONE).join();
        }
    }

    private static List<String> keys(LevelPage page) {
        return page.items().stream().map(StoredValue::key).toList();
    }

    @Test
    void listsTheKeysDirectlyUnderThePrefixAndEachNextLevelOnceWithItsCount() {
        put("app/a", "app/b/1", "app/b/2", "app/b/deep/3", "app/c", "app/d/1", "apps/x", "other");
        LevelPage page = store.level("app/", "/", null, 100, false, k -> true);
        assertEquals(List.of("app/a", "app/c"), keys(page));
        assertEquals(List.of(new LevelPage.PrefixCount("app/b/", 3), new LevelPage.PrefixCount("app/d/", 1)),
                page.prefixes());
        assertNull(page.nextStartKey());
    }

    @Test
    void theEmptyPrefixListsTheTopLevel() {
        put("a", "b/1", "b/2", "c/d/e");
        LevelPage page = store.level("", "/", null, 100, false, k -> true);
        assertEquals(List.of("a"), keys(page));
        assertEquals(List.of(new LevelPage.PrefixCount("b/", 2), new LevelPage.PrefixCount("c/", 1)),
                page.prefixes());
    }

    @Test
    void countsOnlyLiveVisibleKeysAndHidesAPrefixWithNone() {
        put("p/a/1", "p/a/2", "p/a/secret", "p/gone/1", "p/hidden/secret", "p/secret");
        store.delete("p/gone/1", Precondition.NONE).join();
        LevelPage page = store.level("p/", "/", null, 100, false, k -> !k.endsWith("secret"));
        assertEquals(List.of(), keys(page));
        assertEquals(List.of(new LevelPage.PrefixCount("p/a/", 2)), page.prefixes());
    }

    @Test
    void keysAndPrefixesShareTheLimitAndTheNextPageContinuesWhereItStopped() {
        put("p/a", "p/b/1", "p/b/2", "p/c", "p/d/1");
        LevelPage first = store.level("p/", "/", null, 2, false, k -> true);
        assertEquals(List.of("p/a"), keys(first));
        assertEquals(List.of(new LevelPage.PrefixCount("p/b/", 2)), first.prefixes());
        assertEquals("p/c", first.nextStartKey());

        LevelPage second = store.level("p/", "/", first.nextStartKey(), 2, false, k -> true);
        assertEquals(List.of("p/c"), keys(second));
        assertEquals(List.of(new LevelPage.PrefixCount("p/d/", 1)), second.prefixes());
        assertNull(second.nextStartKey());
    }

    @Test
    void aPageThatEndsBeforeAPrefixResumesAtThatPrefixAndCountsItWhole() {
        put("p/a", "p/b/1", "p/b/2");
        LevelPage first = store.level("p/", "/", null, 1, false, k -> true);
        assertEquals("p/b/", first.nextStartKey());
        LevelPage second = store.level("p/", "/", first.nextStartKey(), 1, false, k -> true);
        assertEquals(List.of(new LevelPage.PrefixCount("p/b/", 2)), second.prefixes());
        assertNull(second.nextStartKey());
    }

    @Test
    void aSeparatorOfSeveralCharactersSplitsThere() {
        put("p::a::1", "p::b", "p:c");
        LevelPage page = store.level("p::", "::", null, 10, true, k -> true);
        assertEquals(List.of("p::b"), keys(page));
        assertEquals("1", new String(page.items().get(0).data()));
        assertEquals(List.of(new LevelPage.PrefixCount("p::a::", 1)), page.prefixes());
    }
}
