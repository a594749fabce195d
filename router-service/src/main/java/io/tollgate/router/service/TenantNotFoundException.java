package io.tollgate.router.service;

/** No tenant has this id (or the text cannot be an id). */
public class TenantNotFoundException extends RuntimeException {
    public TenantNotFoundException() {
        super("unknown tenant");
    }
}
