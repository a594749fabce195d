package io.tollgate.router.service;

/** The write does not fit the tenant's state, e.g. changing a tenant that is being deleted. */
public class TenantStateConflictException extends RuntimeException {
    public TenantStateConflictException(String message) {
        super(message);
    }
}
