/**
 * Backups (SPEC §5): consistent snapshots of the node's log written as {@code kvs-{node_id}-{yyyyMMdd-HHmmss}.tar.zst}
 * to {@code backup_path} on a cron schedule or on demand, a retention sweep by the date in the file name, and the
 * restore of an archive into an empty {@code data_dir} for {@code ./kvs restore}.
 */
package io.kvs.backup;
