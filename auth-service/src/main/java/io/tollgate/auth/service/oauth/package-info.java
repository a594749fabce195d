/**
 * The OAuth2 token endpoint's grants (password, client_credentials, refresh_token) as a service,
 * with RFC 6749's error names as data ({@link io.tollgate.auth.service.oauth.OAuthError}). Knows no
 * HTTP: must not import {@code api} or HTTP types.
 */
package io.tollgate.auth.service.oauth;
