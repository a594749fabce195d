/**
 * Tests of the OAuth2 endpoints (token, introspection, revocation) through a real HTTP client.
 */
package io.tollgate.auth.oauth;
