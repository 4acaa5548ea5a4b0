/**
 * The HTTP boundary shared by every feature: the JAX-RS application at {@code /}, {@link io.kvs.web.Failure}, the
 * one translation of refusals and failures into the SPEC's {@code {"error": ...}} shape, with the mappers and the
 * error page servlet that apply it (container errors outside JAX-RS included), and the JSON-B naming of DTOs.
 */
package io.kvs.web;
