package io.tollgate.catalog.handler;

import io.tollgate.common.auth.AccessClass;

/** The caller's roles do not allow the operation; refused before the warehouse's storage is touched. */
public class RoleRefusedException extends RuntimeException {

    public RoleRefusedException(String operation, AccessClass needed) {
        super("Not allowed to " + operation + ": needs the " + roleName(needed) + " role");
    }

    private static String roleName(AccessClass needed) {
        return needed == AccessClass.ADMIN ? "tenant-admin" : needed.wireName();
    }
}
