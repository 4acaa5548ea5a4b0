/**
 * The watch (SPEC §7): {@code GET /kv/_watch} as a Server-Sent Events stream fed from the store's change feed.
 * {@link io.kvs.watch.WatchQuery}, {@link io.kvs.watch.WatchHub} and the event format are plain Java; the servlet
 * endpoint and the CDI service are the thin boundary. Events are bytes written around the stored JSON, like the data
 * API's answers (keys escaped by JSON-P); errors before the stream are the API's JSON errors.
 */
package io.kvs.watch;
