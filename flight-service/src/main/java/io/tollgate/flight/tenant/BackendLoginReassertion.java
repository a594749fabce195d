package io.tollgate.flight.tenant;

import io.tollgate.common.auth.AccessClass;

/**
 * Asks whoever owns a tenant's backend passwords to set a login's password back to the one it
 * owns, after PostgreSQL refused it: a tenant's own SQL can change its login's password, which
 * would otherwise lock the platform out of the tenant's pool.
 */
public interface BackendLoginReassertion {
    /** Never re-asserts: a refused login stays refused. */
    BackendLoginReassertion NONE = (tenantId, accessClass) -> false;

    /**
     * @return true when the password was set again (or is being set by a concurrent request), so
     *         that one more attempt to log in is worth it; false when it cannot be
     */
    boolean reassert(String tenantId, AccessClass accessClass);
}
