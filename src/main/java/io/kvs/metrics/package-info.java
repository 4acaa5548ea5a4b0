/**
 * kvs's own figures for MicroProfile Metrics (served as Prometheus text at {@code /metrics} by Payara): live keys,
 * log size and dead share, request rates, group-commit batches, fsync latency, replication and anti-entropy work,
 * rate-limit rejections.
 */
package io.kvs.metrics;
