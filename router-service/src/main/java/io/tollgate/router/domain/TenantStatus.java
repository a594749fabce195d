package io.tollgate.router.domain;

/** A tenant's lifecycle state; only ACTIVE tenants are served by the data services. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED,
    DELETING
}
