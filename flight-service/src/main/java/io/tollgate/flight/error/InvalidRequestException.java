package io.tollgate.flight.error;

/**
 * A request the client got wrong, refused on purpose with a message of our own that is safe to
 * show (INVALID_ARGUMENT). Only our code throws it: a library's IllegalArgumentException is not
 * one, its message is never shown, and it is answered as an incident.
 *
 * <p>It extends IllegalArgumentException so that callers which validate arguments keep catching
 * what they caught before.
 */
public class InvalidRequestException extends IllegalArgumentException {
    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
