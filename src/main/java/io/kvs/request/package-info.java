/**
 * What the request pipeline decides about a request, once: its {@link io.kvs.request.RequestPath}, its
 * {@link io.kvs.request.EndpointAccess} class and, in {@link io.kvs.request.ClassifiedRequest}, its client address and
 * caller. Authentication, rate limiting, audit, metrics and the data path all read that one value. Plain Java.
 */
package io.kvs.request;
