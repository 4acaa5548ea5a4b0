package io.kvs.auth.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreateRuleTest {

    private final UUID john = UUID.randomUUID();
    private final Caller johnWriting = new Caller(john, List.of(), Set.of(Scope.READ, Scope.WRITE));
    private final Caller maryWriting = new Caller(UUID.randomUUID(), List.of(), Set.of(Scope.READ, Scope.WRITE));
    private final Map<String, KeyMetadata> liveKeys = new HashMap<>();
    private final List<String> lookedUp = new ArrayList<>();

    private Optional<KeyMetadata> lookup(String key) {
        lookedUp.add(key);
        return Optional.ofNullable(liveKeys.get(key));
    }

    private boolean mayCreate(String key, Caller caller) {
        return Permissions.mayCreate(key, caller, this::lookup);
    }

    @Test
    void withoutAnyAncestorTheWriteScopeSuffices() {
        assertTrue(mayCreate("home/john/notes", johnWriting));
        assertEquals(List.of("home/john", "home"), lookedUp);
    }

    @Test
    void withoutAnyAncestorAReadOnlyCallerMayNotCreate() {
        assertFalse(mayCreate("home/john/notes", new Caller(john, List.of(), Set.of(Scope.READ))));
    }

    @Test
    void singleSegmentKeyHasNoAncestor() {
        assertTrue(mayCreate("notes", johnWriting));
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void theParentGovernsItsChildren() {
        liveKeys.put("home/john", new KeyMetadata(john, null, 0xF11, 1, 1));
        assertTrue(mayCreate("home/john/notes", johnWriting));
        assertFalse(mayCreate("home/john/notes", maryWriting));
    }

    @Test
    void theNearestExistingAncestorGovernsAndHigherOnesAreNotConsulted() {
        liveKeys.put("home", new KeyMetadata(john, null, 0xF00, 1, 1));
        liveKeys.put("home/mary", new KeyMetadata(maryWriting.user(), null, 0xF00, 1, 1));
        assertTrue(mayCreate("home/mary/a/b/c", maryWriting));
        assertEquals(List.of("home/mary/a/b", "home/mary/a", "home/mary"), lookedUp);
        assertFalse(mayCreate("home/mary/a/b/c", johnWriting));
    }

    @Test
    void missingIntermediateLevelsAreSkipped() {
        liveKeys.put("home", new KeyMetadata(john, null, 0xF08, 1, 1));
        assertTrue(mayCreate("home/x/y/z", maryWriting));
    }

    @Test
    void createNeedsTheCreateBitNotWrite() {
        liveKeys.put("shared", new KeyMetadata(john, null, 0xF07, 1, 1));
        assertFalse(mayCreate("shared/doc", maryWriting));
        liveKeys.put("shared", new KeyMetadata(john, null, 0xF08, 1, 1));
        assertTrue(mayCreate("shared/doc", maryWriting));
    }

    @Test
    void groupCreateBitLetsMembersCreate() {
        UUID team = UUID.randomUUID();
        liveKeys.put("projects", new KeyMetadata(john, team, 0xF80, 1, 1));
        assertTrue(mayCreate("projects/kvs", new Caller(UUID.randomUUID(), List.of(team), Set.of(Scope.WRITE))));
        assertFalse(mayCreate("projects/kvs", maryWriting));
    }

    @Test
    void anonymousWriterFallsInOthers() {
        Caller anonymous = Caller.anonymous(Set.of(Scope.WRITE));
        assertTrue(mayCreate("public/note", anonymous));
        liveKeys.put("public", new KeyMetadata(john, null, 0xF11, 1, 1));
        assertFalse(mayCreate("public/note", anonymous));
        liveKeys.put("public", new KeyMetadata(john, null, 0xF19, 1, 1));
        assertTrue(mayCreate("public/note", anonymous));
    }

    @Test
    void adminMayCreateAnywhereWithoutLookingUp() {
        liveKeys.put("home/john", new KeyMetadata(john, null, 0x000, 1, 1));
        assertTrue(mayCreate("home/john/notes", new Caller(UUID.randomUUID(), List.of(), Set.of(Scope.ADMIN))));
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void parentOfStripsTheLastSegment() {
        assertEquals(Optional.of("a/b"), Permissions.parentOf("a/b/c"));
        assertEquals(Optional.of("a"), Permissions.parentOf("a/b"));
        assertEquals(Optional.empty(), Permissions.parentOf("a"));
    }
}
