package io.tollgate.router.service;

/** A list request the caller must fix: a page token not issued by us, or a negative page size. */
public class InvalidPageRequestException extends RuntimeException {
    public InvalidPageRequestException(String message) {
        super(message);
    }
}
