package io.tollgate.auth.service.admin;

/**
 * What was asked for does not exist, or is in a tenant the caller does not administer: the two
 * are answered alike (404), so that no tenant learns another's accounts, clients or names.
 */
public final class AdminNotFoundException extends RuntimeException {

    public AdminNotFoundException(String what) {
        super(what + " not found", null, false, false);
    }
}
