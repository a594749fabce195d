/**
 * Envoy external authorization, wire-free: a check's token verified (ours or a trusted external
 * issuer's), its tenant admitted, roles and scopes required, and the upstream headers built. Both
 * the gRPC and the HTTP mode call it. Must not import {@code api}, Envoy's protos or HTTP types.
 */
package io.tollgate.auth.service.extauthz;
