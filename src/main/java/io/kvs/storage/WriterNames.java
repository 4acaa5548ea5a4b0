package io.kvs.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Small codes for writer node ids, so that an index entry is fixed-size yet yields the whole {@link Version}
 * (listeners, listings and version comparisons never read the log for it). A cluster has a handful of writers;
 * codes are persisted in the index next to the entries that use them.
 */
final class WriterNames {

    static final int MAX = 0xFFFF;

    private final Map<String, Integer> codes = new ConcurrentHashMap<>();
    private volatile String[] names = new String[0];
    private final BiConsumer<String, Integer> persist;

    /** {@code persist} stores a newly assigned code before any entry uses it. */
    WriterNames(BiConsumer<String, Integer> persist) {
        this.persist = persist;
    }

    /** Registers a code read back from the index. */
    synchronized void restore(String name, int code) {
        codes.put(name, code);
        if (code >= names.length) {
            String[] grown = Arrays.copyOf(names, code + 1);
            grown[code] = name;
            names = grown;
        } else {
            names[code] = name;
        }
    }

    int codeFor(String name) {
        Integer code = codes.get(name);
        return code != null ? code : assign(name);
    }

    String name(int code) {
        String[] current = names;
        return code < current.length ? current[code] : null;
    }

    private synchronized int assign(String name) {
        Integer existing = codes.get(name);
        if (existing != null) {
            return existing;
        }
        int code = names.length;
        if (code > MAX) {
            throw new IllegalStateException("more than " + MAX + " distinct writer node ids");
        }
        persist.accept(name, code);
        restore(name, code);
        return code;
    }
}
