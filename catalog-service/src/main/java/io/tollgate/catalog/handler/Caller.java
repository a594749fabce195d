package io.tollgate.catalog.handler;

import io.tollgate.common.auth.AccessClass;

import java.util.Set;

/**
 * Who is calling, as its verified token says: its tenant and what its roles let it do.
 *
 * @param tenantId the tenant of the token
 * @param access   the access class of its roles (reader, writer, admin)
 * @param roles    the roles themselves, for what is keyed on them (a table's ETag)
 */
public record Caller(String tenantId, AccessClass access, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Caller(String tenantId, AccessClass access) {
        this(tenantId, access, Set.of());
    }
}
