/**
 * The RouterService v1 gRPC face: routes (credentials resolved), the tenant stream, and the
 * re-assert of a refused backend login. Translation only; the work is in the services.
 */
package io.tollgate.router.api.grpc;
