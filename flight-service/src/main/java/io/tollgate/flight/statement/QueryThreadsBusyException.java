package io.tollgate.flight.statement;

/** Every query thread of this replica is streaming: the client should retry later. */
public final class QueryThreadsBusyException extends RuntimeException {
    public QueryThreadsBusyException(int maxStreams) {
        super("the server is already streaming its maximum of " + maxStreams + " results; retry later",
                null, false, false); // expected under load: no stack
    }
}
