/**
 * The tenant stream, wire-free: one change-log poller per replica, bounded subscriptions that a
 * slow subscriber overflows, and each watch's catch-up then live changes. Must not import
 * {@code api} or gRPC types.
 */
package io.tollgate.router.service.watch;
