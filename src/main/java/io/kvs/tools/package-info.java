/** Command-line tools run against stopped nodes: {@link io.kvs.tools.ConflictTool}. */
package io.kvs.tools;
