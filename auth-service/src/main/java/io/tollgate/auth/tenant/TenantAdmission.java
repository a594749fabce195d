package io.tollgate.auth.tenant;

import io.tollgate.auth.domain.TenantStatusUnavailableException;
import jakarta.inject.Singleton;

/** Decides whether a tenant's accounts and clients may log in right now. */
@Singleton
public class TenantAdmission {
    private final TenantStatusLookup lookup;

    public TenantAdmission(TenantStatusLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * The tenant's standing. The platform tenant is not in the registry (it has no data plane), so
     * it is not looked up: platform administrators can log in while router-service is down.
     */
    public TenantStanding standing(String tenantId) throws TenantStatusUnavailableException {
        if (PlatformTenant.ID.equals(tenantId)) {
            return TenantStanding.ACTIVE;
        }
        return lookup.standing(tenantId);
    }
}
