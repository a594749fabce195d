package io.tollgate.common.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles a token can carry. Every service enforces them: a role travels in the token's
 * {@code roles} claim under its wire name.
 */
public enum Role {
    /** Administers every tenant. */
    PLATFORM_ADMIN("platform-admin"),
    /** Administers one tenant. */
    TENANT_ADMIN("tenant-admin"),
    /** Reads and writes one tenant's data. */
    WRITER("writer"),
    /** Reads one tenant's data; its transactions are read-only. */
    READER("reader");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in tokens and configuration. */
    public String wireName() {
        return wireName;
    }

    /** The role with this wire name, if there is one. */
    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
