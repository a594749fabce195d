/**
 * The wire: the public gRPC server serving {@code spark.connect.SparkConnectService} (TLS, health,
 * message size), the streaming proxy that bridges each client call to a backend call with flow
 * control both ways, the token taken off the headers, the Interrupt sent to a backend when a call
 * is cancelled or ended, and the one table from exceptions to statuses. The only package that
 * imports gRPC's call types; decisions are the session package's.
 */
package io.tollgate.connect.grpc;
