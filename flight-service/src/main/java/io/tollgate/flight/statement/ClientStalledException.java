package io.tollgate.flight.statement;

/** The client of a stream stopped reading without going away; the stream is ended rather than held. */
public final class ClientStalledException extends RuntimeException {
    ClientStalledException(long minutes) {
        super("the client read nothing for " + minutes + " minutes");
    }
}
