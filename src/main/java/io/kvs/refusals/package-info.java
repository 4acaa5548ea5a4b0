/**
 * Why a request is refused, in the domain's words: control classes throw these and know nothing of HTTP;
 * {@code io.kvs.web.Failure} is the one place that turns each into its status and JSON error (SPEC §0). Plain Java,
 * the lowest layer, so every package may throw them.
 */
package io.kvs.refusals;
