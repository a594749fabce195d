package io.tollgate.flight.tenant;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction on a tenant's backend with the tenant context bound. Closing it without
 * {@link #commit()} rolls back; either way the context, bound transaction-locally, is gone
 * before the connection returns to the pool.
 */
public final class TenantSession implements AutoCloseable {
    private final Connection connection;
    private boolean committed;
    private volatile boolean aborted;

    TenantSession(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public void commit() throws SQLException {
        connection.commit();
        committed = true;
    }

    /**
     * Closes the connection for good, which also ends its statement and transaction in PostgreSQL:
     * for a connection left mid-protocol (an unfinished COPY), which no rollback could reach.
     * Closing the session afterwards has nothing to roll back.
     */
    public void abort() throws SQLException {
        aborted = true;
        connection.abort(Runnable::run);
    }

    @Override
    public void close() throws SQLException {
        if (aborted) {
            closeAborted();
            return;
        }
        try {
            if (!committed && !connection.isClosed()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    private void closeAborted() {
        try {
            connection.close();
        } catch (SQLException gone) {
            // The pool's attempt to roll back a connection that no longer exists fails; the pool then
            // discards the connection, which is all that is left to do.
        }
    }
}
