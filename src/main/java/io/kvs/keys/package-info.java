/**
 * The key rules of SPEC §1 (length, segments, reserved prefixes, percent-decoding of the raw path), shared by the
 * request pipeline, the data API and key metadata. Plain Java.
 */
package io.kvs.keys;
