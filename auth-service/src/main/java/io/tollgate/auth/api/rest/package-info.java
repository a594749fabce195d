/**
 * The public HTTP face: OAuth2 token, introspection (RFC 7662) and revocation (RFC 7009)
 * endpoints, JWKS, discovery and Envoy's HTTP ext_authz. Translation only: form or JSON in, a
 * service called, RFC 6749 bodies out. Must not import {@code persistence} or gRPC types.
 */
package io.tollgate.auth.api.rest;
