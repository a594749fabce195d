/**
 * auth-service's gRPC faces: the internal AuthService (Authenticate, Introspect, Revoke,
 * WatchRevocations) for the data services, and Envoy's ext_authz Check; who may call each
 * ({@link io.tollgate.auth.api.grpc.AuthCallers}, enforced by common's interceptor on the caller's
 * certificate). Translation only; the work is in the services. Must not import persistence.
 */
package io.tollgate.auth.api.grpc;
