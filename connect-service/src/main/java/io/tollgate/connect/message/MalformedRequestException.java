package io.tollgate.connect.message;

/** A request whose bytes are not a Spark Connect request the gateway can route. The message is safe to show. */
public final class MalformedRequestException extends Exception {
    public MalformedRequestException(String message) {
        super(message, null, false, false);
    }
}
