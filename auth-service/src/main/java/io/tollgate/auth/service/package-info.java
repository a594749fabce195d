/**
 * auth-service's logic: logins (Argon2id, lockout, tenant admission), token issuing, refresh
 * rotation, introspection, revocation requests, the bootstrap file and the audit log. Knows no
 * wire: must not import {@code api}, gRPC stubs or HTTP types.
 */
package io.tollgate.auth.service;
