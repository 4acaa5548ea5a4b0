/**
 * The request pipeline: the one first step of every request (target, classification, authentication, rate limit),
 * then the servlet data path for single keys or JAX-RS for the rest of the API. Nothing else imports this package.
 */
package io.kvs.pipeline;
