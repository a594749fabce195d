/**
 * The Flight server itself: binds the port, TLS and mutual TLS from PEM files (common's {@code tls}),
 * Arrow's root allocator, the middleware chain and the producer; runs the transport's callbacks of token-bearing
 * DoGet and DoPut calls inline. Part of the wire. Must not import anything below the adapter
 * (statements, tenants, transactions): it hosts the adapter and nothing else.
 */
package io.tollgate.flight.server;
