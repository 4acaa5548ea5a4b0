package io.kvs.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DotSegmentFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/kv/.", "/kv/..", "/kv/a/./b", "/kv/../x", "/./kv/a"})
    void literalDotSegmentsAreRejected(String path) {
        assertTrue(DotSegmentFilter.hasDotSegment(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kv/a", "/kv/.a", "/kv/a..b", "/kv/...", "/kv/%2E%2E", "/health", "/"})
    void otherPathsPass(String path) {
        assertFalse(DotSegmentFilter.hasDotSegment(path));
    }
}
