/**
 * What connect-service's tests stand on: Spark Connect backends played by a real gRPC server
 * implementing Spark's generated service (Spark is not ours), router-service and auth-service
 * played by testkit's doubles of their contracts (real gRPC servers), tokens minted here, and the gateway itself
 * started as its Micronaut application, shared by the test classes of one run.
 */
package io.tollgate.connect.support;
