/**
 * Where a tenant's Spark Connect backends are, as both router-service (when a tenant is written)
 * and connect-service (when a call is routed) read it: what a {@code host:port} endpoint is, which
 * endpoints are loopback addresses (where a backend token may go in the clear), and per-user
 * endpoint templates (their rules and how a caller fills one). One implementation, so that the
 * registry never stores what the gateway would refuse. Pure functions; knows no wire and no service.
 */
package io.tollgate.common.spark;
