package io.tollgate.auth.tenant;

import io.tollgate.auth.domain.TenantStatusUnavailableException;

/**
 * Where logins learn whether their tenant may log in. Kept to one question so that the
 * ResolveTenant-per-login implementation can later give way to a cache fed by WatchTenants.
 */
public interface TenantStatusLookup {

    /**
     * The tenant's standing.
     *
     * @throws TenantStatusUnavailableException when the registry cannot be asked; callers refuse
     *                                          the login (fail closed)
     */
    TenantStanding standing(String tenantId) throws TenantStatusUnavailableException;
}
