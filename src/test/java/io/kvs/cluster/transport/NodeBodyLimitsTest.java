package io.kvs.cluster.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeBodyLimitsTest {

    @Test
    void onlyVersionBatchesMayBeLarge() {
        assertEquals(64 << 20, NodeBodyLimits.maxBodyBytes("sync/versions"));
        assertEquals(4 << 20, NodeBodyLimits.maxBodyBytes("sync/versions/fetch"));
        for (String small : new String[] {"members/gossip", "members/probe", "sync/merkle/children",
                "sync/merkle/entries", "sync/merkle/root", "sync/unknown"}) {
            assertEquals(1 << 20, NodeBodyLimits.maxBodyBytes(small), small);
        }
    }

    @Test
    void aBodyTakesALargeReadPermitWhenItMayExceedOneMebibyte() {
        int batch = NodeBodyLimits.maxBodyBytes("sync/versions");
        assertTrue(NodeBodyLimits.mayBeLarge(-1, batch), "chunked: length unknown");
        assertTrue(NodeBodyLimits.mayBeLarge((1 << 20) + 1, batch));
        assertFalse(NodeBodyLimits.mayBeLarge(1 << 20, batch));
        assertFalse(NodeBodyLimits.mayBeLarge(-1, NodeBodyLimits.SMALL_BODY_BYTES), "capped at 1 MiB anyway");
    }
}
