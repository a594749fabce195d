/**
 * Services for tests, in the test's own JVM: a service's Micronaut application started as one
 * replica ({@link io.tollgate.testkit.service.ServiceReplica}: HTTP and gRPC on ports the kernel
 * chooses, internal mutual TLS, a client channel), and a real gRPC server standing in for a
 * neighbour's contract ({@link io.tollgate.testkit.service.NeighbourServer}, with
 * {@link io.tollgate.testkit.service.OpenStreams} for its streaming calls). Generic over the
 * service: the caller passes the application's properties or gRPC implementations. Must not
 * import any service module (they depend on testkit, in test scope).
 */
package io.tollgate.testkit.service;
