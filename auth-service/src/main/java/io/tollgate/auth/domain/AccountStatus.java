package io.tollgate.auth.domain;

import java.util.Arrays;
import java.util.Optional;

/** Whether an account may log in. */
public enum AccountStatus {
    ACTIVE("active"),
    DISABLED("disabled");

    private final String dbName;

    AccountStatus(String dbName) {
        this.dbName = dbName;
    }

    /** The value stored in {@code accounts.status} (the table's check constraint lists them). */
    public String dbName() {
        return dbName;
    }

    public static Optional<AccountStatus> fromDbName(String name) {
        return Arrays.stream(values()).filter(s -> s.dbName.equals(name)).findFirst();
    }
}
