/**
 * The node's log format (SPEC §5: JSON lines at {@code log_level}): the java.util.logging configuration handed to
 * Payara Micro with {@code --logproperties}, using the JSON formatter Payara ships.
 */
package io.kvs.logging;
