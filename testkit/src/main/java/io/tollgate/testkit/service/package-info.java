/**
 * A service's Micronaut application started in the test's own JVM, as one replica: its HTTP
 * and gRPC servers on ports the kernel chooses, and a client channel to it. Generic over the
 * service: the caller passes the application's properties. Must not import any service module
 * (they depend on testkit, in test scope).
 */
package io.tollgate.testkit.service;
