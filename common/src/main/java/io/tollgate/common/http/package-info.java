/**
 * HTTP plumbing every REST-facing service shares, wire-form-free: naming a request's unexpected
 * failure as an incident; reading a form body and HTTP Basic client credentials as OAuth2 token
 * endpoints take them. Each service keeps its own error body (problem, Iceberg error); this
 * package builds no body and must not import a service's packages.
 */
package io.tollgate.common.http;
