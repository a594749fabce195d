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

    @Override
    public void close() throws SQLException {
        try {
            if (!committed && !connection.isClosed()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }
}
