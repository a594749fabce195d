package io.tollgate.auth.domain;

import java.util.Arrays;
import java.util.Optional;

/** Whether a service client may authenticate. */
public enum ClientStatus {
    ACTIVE("active"),
    DISABLED("disabled");

    private final String dbName;

    ClientStatus(String dbName) {
        this.dbName = dbName;
    }

    /** The value stored in {@code clients.status} (the table's check constraint lists them). */
    public String dbName() {
        return dbName;
    }

    public static Optional<ClientStatus> fromDbName(String name) {
        return Arrays.stream(values()).filter(s -> s.dbName.equals(name)).findFirst();
    }
}
