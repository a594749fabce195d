/**
 * How a service stops: on SIGTERM it stops taking new work on every server it runs (HTTP, gRPC,
 * Flight), lets the work in flight finish within a drain period, cuts what never finishes by itself
 * (watch streams, whose callers reconnect to another replica), and exits 0 when everything it had
 * begun has finished. Knows Micronaut's lifecycle and grpc-java's server; must not import any
 * service's code.
 */
package io.tollgate.common.lifecycle;
