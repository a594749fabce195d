/**
 * Who may call a service's internal gRPC methods: the per-method table of caller services each
 * server declares ({@link io.tollgate.common.grpc.server.AllowedCallers}), the interceptor that
 * checks every call against it before any endpoint runs, and the calling service's name for
 * endpoints that answer each caller differently. Fail closed: an unknown peer or method is
 * PERMISSION_DENIED. Knows no service's RPCs; must not import a service's packages.
 */
package io.tollgate.common.grpc.server;
