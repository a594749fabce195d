package io.tollgate.auth.tenant;

/** What the tenant registry says about a tenant, as far as logins are concerned. */
public enum TenantStanding {
    /** Served normally: its accounts and clients may log in. */
    ACTIVE,
    /** The registry does not know it. */
    UNKNOWN,
    /** Known but suspended. */
    SUSPENDED,
    /** Being removed. */
    DELETING;

    public boolean admitsLogins() {
        return this == ACTIVE;
    }
}
