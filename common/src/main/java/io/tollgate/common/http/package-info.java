/**
 * HTTP plumbing every REST-facing service shares, wire-form-free: naming a request's unexpected
 * failure as an incident. Each service keeps its own error body (problem, Iceberg error); this
 * package builds no body and must not import a service's packages.
 */
package io.tollgate.common.http;
