/**
 * auth-service's gRPC faces: the internal {@code tollgate.auth.v1.AuthService} (Authenticate,
 * Introspect, Revoke, WatchRevocations) for the data services, and Envoy's ext_authz
 * {@code Authorization/Check}; who may call each ({@link io.tollgate.auth.api.grpc.AuthCallers},
 * enforced by common's interceptor on the caller's certificate). Translation only: proto in, a
 * service called, proto out; every call answered through common's
 * {@link io.tollgate.common.grpc.GrpcCalls}. Must not import {@code persistence} or HTTP types.
 */
package io.tollgate.auth.api.grpc;
