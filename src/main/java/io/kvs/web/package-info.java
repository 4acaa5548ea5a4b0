/**
 * The HTTP boundary shared by every feature: the JAX-RS application at {@code /}, the one set of exception mappers
 * that gives every error the SPEC's {@code {"error": ...}} shape (container errors outside JAX-RS included, through
 * the error page servlet), the JSON-B naming of DTOs, and the CDI producers of the configuration and of the
 * container's concurrency resources.
 */
package io.kvs.web;
