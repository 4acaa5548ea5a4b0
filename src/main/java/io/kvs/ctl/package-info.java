/**
 * {@code kvsctl}, the command-line client (README "kvsctl"): picocli commands over the node's REST API, with
 * java.net.http and JSON-P. Compiled with the node but left out of the WAR; {@code ./kvsctl} runs it from
 * {@code target/classes}.
 */
package io.kvs.ctl;
