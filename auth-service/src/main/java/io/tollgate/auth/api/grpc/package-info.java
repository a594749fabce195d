/**
 * The gRPC face: {@code tollgate.auth.v1.AuthService} (Authenticate, Introspect, Revoke,
 * WatchRevocations) and Envoy's {@code Authorization/Check}. Translation only: proto in, a
 * service called, proto out; every call answered through common's
 * {@link io.tollgate.common.grpc.GrpcCalls}. Must not import {@code persistence} or HTTP types.
 */
package io.tollgate.auth.api.grpc;
