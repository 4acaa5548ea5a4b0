/**
 * The tamper-evident audit log (SPEC §5): every mutating client request becomes one entry of a SHA-256 hash chain,
 * appended durably to {@code data_dir/audit/audit.log}; {@code GET /audit} pages through it and
 * {@code GET /audit/verify} re-checks the whole chain against the file on disk.
 */
package io.kvs.audit;
