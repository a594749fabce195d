/**
 * Verified identities and what they may do: token verification (JWKS, revocations), principals,
 * roles, the access class (reader, writer, admin) a principal's work runs as, and the wire-free
 * {@link io.tollgate.common.auth.CallAuthenticator} (bearer token or login through auth-service's
 * Authenticate RPC → verified principal) that every front door wraps. Must not import any wire
 * library of a front door (Flight, Micronaut HTTP, Netty): each door maps
 * {@link io.tollgate.common.auth.CallRefusedException} to its own status.
 */
package io.tollgate.common.auth;
