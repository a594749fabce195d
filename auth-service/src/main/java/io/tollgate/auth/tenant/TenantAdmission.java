package io.tollgate.auth.tenant;

import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.common.tenant.PlatformTenant;
import io.tollgate.common.tenant.TenantGate;
import io.tollgate.common.tenant.TenantStanding;
import jakarta.inject.Singleton;

/**
 * Decides whether a tenant's accounts and clients may log in right now (and whether ext_authz may
 * pass their tokens), through common's {@link TenantGate}: a read of the registry copy that
 * router-service streams here, so no login waits on router-service and a suspension takes effect
 * as soon as it is streamed.
 */
@Singleton
public class TenantAdmission {
    private final TenantGate gate;

    public TenantAdmission(TenantGate gate) {
        this.gate = gate;
    }

    /**
     * Whether the tenant's logins are admitted. The platform tenant is not in the registry (it has
     * no data plane), so it is not looked up: platform administrators log in while router-service
     * is down. Unknown, suspended and deleting tenants are all simply not admitted.
     *
     * @throws TenantStatusUnavailableException before the registry's first snapshot has arrived;
     *                                          callers refuse the login as a temporary condition
     */
    public boolean admitsLogins(String tenantId) throws TenantStatusUnavailableException {
        if (PlatformTenant.is(tenantId)) {
            return true;
        }
        TenantStanding standing = gate.standing(tenantId);
        if (standing == TenantStanding.DIRECTORY_NOT_READY) {
            throw new TenantStatusUnavailableException();
        }
        return standing == TenantStanding.ACTIVE;
    }

    /**
     * Refuses as temporarily unavailable, the way {@link #admitsLogins} does every tenant but the
     * platform, while the registry has not arrived.
     *
     * @throws TenantStatusUnavailableException before the registry's first snapshot
     */
    public void requireRegistry() throws TenantStatusUnavailableException {
        if (!gate.directoryReady()) {
            throw new TenantStatusUnavailableException();
        }
    }
}
