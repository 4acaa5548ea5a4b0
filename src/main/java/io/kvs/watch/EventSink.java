package io.kvs.watch;

import java.io.IOException;

/** Where a watcher's events go: the non-blocking side of an HTTP response, or a test's recorder. */
public interface EventSink {

    /**
     * Whether a write now would not block. When this answers false the sink calls {@link Watch#writable()} once
     * it can take more (the servlet container's {@code WriteListener}).
     */
    boolean ready();

    /** Writes and flushes {@code bytes}; called only right after {@link #ready()} answered true. */
    void write(byte[] bytes) throws IOException;

    /** Ends the stream; called once, from the hub. */
    void close();
}
