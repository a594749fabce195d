/**
 * The one error policy every service applies to what it did not expect: an {@link
 * io.tollgate.common.error.Incident} is logged once, with its stack, under a correlation id, and
 * the caller gets a generic message carrying only that id. Never a library exception's message
 * (it can name classes, hosts, SQL or another tenant). Each service maps an incident to its own
 * wire (RFC 9457 problem, gRPC INTERNAL, Flight INTERNAL, Iceberg error); this package knows no
 * wire.
 */
package io.tollgate.common.error;
