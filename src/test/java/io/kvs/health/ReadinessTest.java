package io.kvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.node.Mode;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void normalAndReadOnlyNodesAreReady() {
        for (Mode mode : new Mode[] {Mode.NORMAL, Mode.READ_ONLY}) {
            Readiness readiness = Readiness.of(mode, false);
            assertTrue(readiness.ready());
            assertEquals("ready", readiness.status());
            assertEquals(mode.wireName(), readiness.mode());
            assertNull(readiness.error());
        }
    }

    @Test
    void aSyncingNodeIsNotReadyAndSaysWhy() {
        Readiness readiness = Readiness.of(Mode.SYNCING, false);
        assertFalse(readiness.ready());
        assertEquals("syncing", readiness.status());
        assertTrue(readiness.error().contains("syncing"), readiness.error());
    }

    @Test
    void aNodeThatLeftIsNotReadyWhateverItsMode() {
        Readiness readiness = Readiness.of(Mode.NORMAL, true);
        assertFalse(readiness.ready());
        assertEquals("left", readiness.status());
        assertEquals("normal", readiness.mode());
    }
}
