package io.tollgate.auth.persistence;

/** A statement failed; the message names the operation, the cause carries the driver's detail. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String operation, Throwable cause) {
        super("database operation failed: " + operation, cause);
    }
}
