package io.tollgate.flight.statement;

/** A running query was cancelled at a client's request (CancelFlightInfo). */
public final class QueryCancelledException extends RuntimeException {
    public QueryCancelledException() {
        super("query cancelled");
    }
}
