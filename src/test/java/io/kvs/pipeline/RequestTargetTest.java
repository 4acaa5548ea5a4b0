package io.kvs.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"/kv/.", "/kv/..", "/kv/a/./b", "/kv/../x", "/./kv/a"})
    void literalDotSegmentsAreRejected(String path) {
        assertThrows(IllegalArgumentException.class, () -> RequestTarget.parse(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kv/a", "/kv/.a", "/kv/a..b", "/kv/...", "/kv/%2E%2E", "/health", "/"})
    void otherPathsPass(String path) {
        assertEquals(path.substring(1), RequestTarget.parse(path).raw());
    }

    @Test
    void pathIsDecodedForClassificationButRawIsKept() {
        RequestTarget target = RequestTarget.parse("/%61dmin/compaction");
        assertEquals("admin/compaction", target.path(), "an encoded admin path is classified as admin");
        assertEquals("%61dmin/compaction", target.raw());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kv/a%ZZ", "/kv/a%4", "/kv/%C3%28"})
    void malformedEscapesAreRejected(String path) {
        assertThrows(IllegalArgumentException.class, () -> RequestTarget.parse(path));
    }
}
