package io.tollgate.router.service;

/** A tenant with this id exists already. */
public class TenantAlreadyExistsException extends RuntimeException {
    public TenantAlreadyExistsException(String id) {
        super("tenant " + id + " already exists");
    }
}
