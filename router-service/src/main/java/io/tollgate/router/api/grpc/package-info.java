/**
 * The RouterService v1 gRPC face: routes (credentials resolved), the tenant stream, and the
 * re-assert of a refused backend login. Translation only; the work is in the services, and every
 * call is answered through common's {@link io.tollgate.common.grpc.GrpcCalls}. Must not import
 * {@code persistence} or HTTP types.
 */
package io.tollgate.router.api.grpc;
