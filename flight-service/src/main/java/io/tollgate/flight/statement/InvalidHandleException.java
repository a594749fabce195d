package io.tollgate.flight.statement;

/**
 * A statement handle or ticket was refused: forged, altered, expired, or presented by someone it
 * was not made for. The message never says which.
 */
public final class InvalidHandleException extends RuntimeException {
    public InvalidHandleException() {
        super("invalid or expired statement handle");
    }
}
