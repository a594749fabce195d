package io.tollgate.catalog.handler;

import io.tollgate.common.auth.AccessClass;

/**
 * Who is calling, as its verified token says: its tenant and what its roles let it do.
 *
 * @param tenantId the tenant of the token
 * @param access   the access class of its roles (reader, writer, admin)
 */
public record Caller(String tenantId, AccessClass access) {
}
