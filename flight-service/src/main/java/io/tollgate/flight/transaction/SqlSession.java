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
     * Closes the connection for good (see {@link io.tollgate.flight.tenant.TenantSession#abort()}); a
     * client's transaction on it is lost, and rolling it back then succeeds.
     */
    void abort() throws SQLException;

    @Override
    void close() throws SQLException;
}
