package io.tollgate.auth.service.admin;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.tenant.PlatformTenant;
import io.tollgate.common.auth.Role;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The administrator making an admin API call, from its verified token.
 *
 * @param subject  the token's subject
 * @param tenantId the token's tenant
 * @param roles    the token's roles this build knows
 * @param address  where the call came from, for the audit trail
 */
public record AdminCaller(String subject, String tenantId, Set<Role> roles, @Nullable String address) {

    public AdminCaller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenantId, "tenantId");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Administers every tenant: platform-admin, which counts only in the platform tenant. */
    public boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN) && PlatformTenant.ID.equals(tenantId);
    }

    /** Administers its own tenant (a platform-admin, every tenant). */
    public boolean isAdmin() {
        return isPlatformAdmin() || roles.contains(Role.TENANT_ADMIN);
    }

    /** Whether this role is at or below the caller's highest (roles are declared highest first). */
    public boolean mayGrant(Role role) {
        return roles.stream().filter(r -> r != Role.PLATFORM_ADMIN || isPlatformAdmin())
                .anyMatch(held -> held.ordinal() <= role.ordinal());
    }

    /** The actor recorded with revocations this caller makes. */
    public String actor() {
        return "admin:" + subject;
    }
}
