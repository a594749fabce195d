/**
 * auth-service's values and the refusals its services throw: accounts and their statuses, service
 * clients, scopes, issued and granted tokens, refresh families, revocations and their targets.
 * Plain types that know nothing of the wire or the database: must not import {@code api},
 * {@code service}, {@code persistence}, gRPC, HTTP or JDBC.
 */
package io.tollgate.auth.domain;
