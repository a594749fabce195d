package io.tollgate.flight.transaction;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where one call's SQL runs: either a transaction of the call's own, committed when the call's
 * work completes, or the client's open transaction, which only the client ends. Closing without
 * {@link #complete()} rolls back a call's own transaction and leaves a client's as it is.
 */
public interface SqlSession extends AutoCloseable {

    Connection connection();

    /** Whether this is a client's transaction (work is committed only when the client commits). */
    boolean inClientTransaction();

    /** The call's work succeeded: commit it, unless it belongs to a client's transaction. */
    void complete() throws SQLException;

    /**
     * The connection is unusable (left mid-protocol): it is discarded instead of being reused, which
     * ends the transaction it carried (a client's too: its next statement fails).
     */
    void abandon();

    /**
     * Ends the connection now, whatever it is doing (a statement that ignores cancellation): it is
     * abandoned and its socket closed, so a thread blocked on it fails at once.
     */
    default void sever() {
        abandon();
        try {
            connection().abort(Runnable::run);
        } catch (SQLException e) {
            // Already closed: nothing left to sever.
        }
    }

    @Override
    void close() throws SQLException;
}
