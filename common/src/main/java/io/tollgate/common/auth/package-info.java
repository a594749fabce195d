/**
 * Verified identities and what they may do: token verification (JWKS, revocations), principals,
 * roles, and the access class (reader, writer, admin) a principal's work runs as.
 */
package io.tollgate.common.auth;
