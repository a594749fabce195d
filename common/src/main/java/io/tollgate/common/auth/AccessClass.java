package io.tollgate.common.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do to its tenant's data, as the backend enforces it: each class has a
 * PostgreSQL login of its own, granted exactly what the class may do, so that no statement text
 * can widen it (a transaction mode could be escaped, a privilege cannot).
 */
public enum AccessClass {
    /** Reads: SELECT only. */
    READER("reader"),
    /** Reads and writes rows: SELECT, INSERT, UPDATE, DELETE; no DDL. */
    WRITER("writer"),
    /** The tenant's owner login: everything the tenant may do, DDL included. */
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
     * The class a principal's work runs as: tenant-admin or platform-admin → admin, writer →
     * writer, anything else (reader, or no known role at all) → reader, the least privileged
     * (fail closed). The same rule as {@link Principal#isReadOnly()}.
     */
    public static AccessClass of(Principal principal) {
        if (principal.hasRole(Role.TENANT_ADMIN) || principal.hasRole(Role.PLATFORM_ADMIN)) {
            return ADMIN;
        }
        if (principal.hasRole(Role.WRITER)) {
            return WRITER;
        }
        return READER;
    }
}
