/**
 * How the admin API's errors look: RFC 9457 problem documents for the registry's refusals and for
 * Micronaut's own errors, a generic 5xx for a dependency away, and the one error policy's 500 for
 * anything unexpected (an {@link io.tollgate.common.error.Incident}). Must not import
 * {@code persistence} or gRPC types.
 */
package io.tollgate.router.api.rest.problem;
