package io.tollgate.catalog.handler;

import io.tollgate.common.auth.AccessClass;

import java.util.Set;

/**
 * Who is calling, as its verified token says: its tenant and what its roles let it do; and, for
 * the audit trail, who it is and which request this is.
 *
 * @param tenantId  the tenant of the token
 * @param access    the access class of its roles (reader, writer, admin)
 * @param roles     the roles themselves, for what is keyed on them (a table's ETag)
 * @param subject   the token's subject (an account's name@tenant or a client id)
 * @param requestId the request's id, as the caller sent it ({@code X-Request-Id}) or made here
 */
public record Caller(String tenantId, AccessClass access, Set<String> roles, String subject, String requestId) {

    public Caller {
        roles = Set.copyOf(roles);
    }
}
