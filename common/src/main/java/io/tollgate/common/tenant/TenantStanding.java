package io.tollgate.common.tenant;

/**
 * What the tenant directory says of a tenant: the one set of outcomes every service acts on. The
 * policy for each (see {@link TenantGate}): only {@link #ACTIVE} is served; {@link #SUSPENDED} and
 * {@link #UNKNOWN} are refused identically, so that nobody can tell from outside whether a tenant
 * exists; {@link #DIRECTORY_NOT_READY} is refused as retryable.
 */
public enum TenantStanding {
    /** Known and active: served. */
    ACTIVE,
    /** Known but not active: suspended, being deleted, or a status this build does not know. */
    SUSPENDED,
    /** Not in the registry (or the platform tenant, which has no data plane). */
    UNKNOWN,
    /** The directory has not had router-service's first snapshot yet: nothing is known. */
    DIRECTORY_NOT_READY
}
