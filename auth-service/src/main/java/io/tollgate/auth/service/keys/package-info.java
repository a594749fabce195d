/**
 * Signing keys: loading the configured key files (PEM), generating a development key, the active
 * signer and the published JWKS. Private key material never leaves {@link
 * io.tollgate.auth.service.keys.SigningKeys}. Must not import {@code api} or {@code persistence}.
 */
package io.tollgate.auth.service.keys;
