/**
 * How this service's HTTP errors look: RFC 9457 problem documents for the admin services'
 * refusals and for Micronaut's own errors, and the one error policy's 500 for anything
 * unexpected (an {@link io.tollgate.common.error.Incident}). Must not import {@code persistence} or gRPC
 * types.
 */
package io.tollgate.auth.api.rest.problem;
