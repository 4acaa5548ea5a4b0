/**
 * The data API under {@code /kv/} (SPEC §1, §2): the servlet data path, PUT bodies and envelopes, conditional
 * headers, range listings, and the response bodies written as bytes around the stored JSON (never re-parsed on a
 * read).
 */
package io.kvs.kv;
