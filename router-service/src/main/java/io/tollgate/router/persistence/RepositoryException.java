package io.tollgate.router.persistence;

/** The tenants table could not be read or written. */
public class RepositoryException extends RuntimeException {
    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
