package io.tollgate.common.error;

/**
 * A service's own store (its PostgreSQL schema) could not be read or written. Every service that
 * keeps state throws this one type, so that "the store failed" means the same everywhere: nobody
 * expects it, so it reaches the one error policy and becomes an {@link Incident}. The message says
 * what was being done, in our own words; the cause carries the driver's detail, which only the log
 * sees.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
