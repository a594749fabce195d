package io.tollgate.common.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A verified identity: who a request speaks for, in which tenant, with which roles. Built only
 * from a token whose signature and claims were checked.
 *
 * @param subject   the account as {@code name@tenant}, or a service client's id
 * @param tenantId  the tenant the subject belongs to
 * @param roles     the roles granted, by wire name
 * @param scopes    the scopes granted
 * @param tokenId   the token's id ({@code jti})
 * @param issuedAt  when the token was issued
 * @param expiresAt when the token expires
 */
public record Principal(
        String subject,
        String tenantId,
        Set<String> roles,
        Set<String> scopes,
        String tokenId,
        Instant issuedAt,
        Instant expiresAt) {

    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenantId, "tenantId");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** Whether the principal holds this role. */
    public boolean hasRole(Role role) {
        return roles.contains(role.wireName());
    }

    /**
     * Whether the principal may only read: it holds {@code reader} and no role that writes.
     * Services run such a principal's transactions read-only.
     */
    public boolean isReadOnly() {
        return !(hasRole(Role.WRITER) || hasRole(Role.TENANT_ADMIN) || hasRole(Role.PLATFORM_ADMIN));
    }
}
