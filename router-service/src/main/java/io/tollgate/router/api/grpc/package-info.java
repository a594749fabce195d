/**
 * The RouterService v1 gRPC face: routes (credentials resolved), the tenant stream, and the
 * re-assert of a refused backend login; who may call each RPC
 * ({@link io.tollgate.router.api.grpc.RouterCallers}, enforced by common's interceptor on the
 * caller's certificate) and how much of a tenant each caller is shown
 * ({@link io.tollgate.router.api.grpc.RegistryView}). Translation only; the work is in the
 * services, and every call is answered through common's {@link io.tollgate.common.grpc.GrpcCalls}.
 * Must not import {@code persistence} or HTTP types.
 */
package io.tollgate.router.api.grpc;
