/**
 * Revocations: recording them, the feed that follows the revocation log in the database, the
 * watches that stream it (WatchRevocations) and this replica's own mirror of the set. Knows no
 * wire: must not import {@code api} or gRPC types (a watch writes to a sink the endpoint provides).
 */
package io.tollgate.auth.service.revocation;
