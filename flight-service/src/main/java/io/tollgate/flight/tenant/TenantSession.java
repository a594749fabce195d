package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariDataSource;

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

    public void commit() throws SQLException {
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
        try {
            if (!committed && !connection.isClosed()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }
}
