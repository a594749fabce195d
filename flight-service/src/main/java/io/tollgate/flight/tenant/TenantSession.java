package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction on a tenant's backend with the tenant context bound. Closing it without
 * {@link #commit()} rolls back; either way the context, bound transaction-locally, is gone
 * before the connection returns to the pool.
 */
public final class TenantSession implements AutoCloseable {
    private final Connection connection;
    private final HikariDataSource pool;
    private boolean committed;
    private boolean abandoned;

    TenantSession(Connection connection, HikariDataSource pool) {
        this.connection = connection;
        this.pool = pool;
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Commits, unless the transaction is no longer the one the gateway opened: statement text that
     * ended it (and whatever ran after, outside it) is not committed, and the connection, in a state
     * nobody vouches for, is evicted.
     */
    public void commit() throws SQLException {
        if (abandoned) {
            throw new TransactionLostException("the transaction was rolled back: its connection was discarded");
        }
        TransactionState state = connection.unwrap(BaseConnection.class).getTransactionState();
        if (state == TransactionState.IDLE) {
            abandon();
            throw new TransactionLostException("the transaction was ended by a statement in it; nothing was committed");
        }
        if (state == TransactionState.FAILED) {
            // PostgreSQL answers COMMIT of a failed transaction with a rollback, and the driver says
            // nothing: the caller must hear that its work is gone.
            throw new TransactionLostException("the transaction was rolled back: a statement in it failed");
        }
        connection.commit();
        committed = true;
    }

    /**
     * Gives up on the connection (it is mid-protocol or otherwise unusable): it is closed and
     * evicted from the pool when the session closes, which also ends whatever it was running.
     */
    public void abandon() {
        abandoned = true;
    }

    @Override
    public void close() throws SQLException {
        if (abandoned) {
            pool.evictConnection(connection);
            return;
        }
        if (!committed && !connection.isClosed()) {
            try {
                connection.rollback();
            } catch (SQLException | RuntimeException e) {
                // A connection that cannot even roll back is in no state to hand to the next caller.
                pool.evictConnection(connection);
                return;
            }
        }
        connection.close();
    }
}
