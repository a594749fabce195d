package io.tollgate.common.auth;

/**
 * What a caller may do to its tenant's data, derived from its roles: the data services choose the
 * backend login (and so the PostgreSQL privileges) and the statements allowed by it. Ordered from
 * the least to the most a caller may do.
 */
public enum AccessClass {
    /** Reads only. */
    READER,
    /** Reads and changes rows. */
    WRITER,
    /** Also defines the tenant's objects (tables, views, functions) where the backend allows it. */
    ADMIN;

    /** The class of a principal: its most capable role decides. */
    public static AccessClass of(Principal principal) {
        if (principal.hasRole(Role.TENANT_ADMIN) || principal.hasRole(Role.PLATFORM_ADMIN)) {
            return ADMIN;
        }
        return principal.hasRole(Role.WRITER) ? WRITER : READER;
    }

    /** Whether this class may do what {@code other} may. */
    public boolean covers(AccessClass other) {
        return compareTo(other) >= 0;
    }
}
