package io.tollgate.auth.service.admin;

import io.tollgate.common.tenant.PlatformTenant;
import io.tollgate.common.auth.Role;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Who may see and change what through the admin API. A platform-admin (of the platform tenant)
 * administers every tenant; a tenant-admin only its own, and anything in another tenant is
 * answered as not found. Nobody grants a role above their own highest, and platform-admin exists
 * only in the platform tenant.
 */
@Singleton
public class AdminPolicy {

    /** @throws AdminNotFoundException when the tenant is not the caller's to administer */
    void requireVisible(AdminCaller caller, String tenantId, String what) {
        if (!caller.isAdmin() || (!caller.isPlatformAdmin() && !caller.tenantId().equals(tenantId))) {
            throw new AdminNotFoundException(what);
        }
    }

    /** The tenant a listing covers: the one asked for (if visible), else all or the caller's own. */
    String listedTenant(AdminCaller caller, String requested) {
        if (requested != null) {
            String tenant = AdminInput.tenant("tenant", requested);
            requireVisible(caller, tenant, "tenant");
            return tenant;
        }
        if (caller.isPlatformAdmin()) {
            return null;
        }
        requireVisible(caller, caller.tenantId(), "tenant");
        return caller.tenantId();
    }

    /** @throws AdminForbiddenException or AdminInputException when these roles may not be given here */
    void requireGrantable(AdminCaller caller, String tenantId, Set<Role> roles, String field) {
        for (Role role : roles) {
            if (!caller.mayGrant(role)) {
                throw new AdminForbiddenException(field, "cannot grant " + role.wireName() + ", a role above your own");
            }
            if (role == Role.PLATFORM_ADMIN && !PlatformTenant.ID.equals(tenantId)) {
                throw new AdminInputException(field, "platform-admin exists only in the platform tenant");
            }
        }
    }

    /** @throws AdminForbiddenException when the target holds a role above the caller's */
    void requireOutranked(AdminCaller caller, Set<Role> targetRoles, String what) {
        for (Role role : targetRoles) {
            if (!caller.mayGrant(role)) {
                throw new AdminForbiddenException("roles", what + " holds " + role.wireName()
                        + ", a role above your own");
            }
        }
    }
}
