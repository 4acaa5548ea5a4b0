/** Operator endpoints under {@code /admin/}: compaction on request. */
package io.kvs.admin;
