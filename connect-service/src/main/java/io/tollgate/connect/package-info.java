/**
 * connect-service: the Spark Connect gateway. A Spark Connect client's bearer token is verified,
 * its tenant admitted, every request's user context rewritten to the verified principal, and the
 * call forwarded, flow-controlled, to the tenant's Spark Connect backend. Packages: {@code grpc}
 * (the wire: the public server and the proxy), {@code message} (reading and rewriting Spark's
 * request bytes), {@code routing} (which backend, and the channels to them), {@code session}
 * (limits, open calls, interrupts) and {@code config}.
 */
package io.tollgate.connect;
