package io.tollgate.common.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do to its tenant's data, derived from its roles: the data services choose the
 * backend login (and so the PostgreSQL privileges: each class has a login of its own, granted
 * exactly what the class may do, so that no statement text can widen it) and the statements
 * allowed by it. Ordered from the least to the most a caller may do.
 */
public enum AccessClass {
    /** Reads only: SELECT. */
    READER("reader"),
    /** Reads and changes rows: SELECT, INSERT, UPDATE, DELETE; no DDL. */
    WRITER("writer"),
    /** Also defines the tenant's objects (tables, views, functions) where the backend allows it: the owner login. */
    ADMIN("admin");

    private final String wireName;

    AccessClass(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the registry, the admin API and the wire protocols. */
    public String wireName() {
        return wireName;
    }

    /** The class with this wire name, if there is one. */
    public static Optional<AccessClass> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    /**
     * The class of a principal: its most capable role decides (tenant-admin or platform-admin →
     * admin, writer → writer); anything else (reader, or no known role at all) → reader, the least
     * privileged (fail closed). The same rule as {@link Principal#isReadOnly()}.
     */
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
