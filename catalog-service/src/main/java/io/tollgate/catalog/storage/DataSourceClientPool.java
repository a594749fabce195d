package io.tollgate.catalog.storage;

import org.apache.iceberg.jdbc.JdbcClientPool;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Iceberg's JDBC client pool, lending the service's own Hikari connections: every warehouse's
 * catalog shares one pool (JdbcClientPool would open a pool of its own per catalog). A connection
 * is borrowed for one action and returned at once; closing a catalog leaves the DataSource alone,
 * as it belongs to the service.
 */
final class DataSourceClientPool extends JdbcClientPool {
    private final DataSource dataSource;

    DataSourceClientPool(DataSource dataSource) {
        // The URL is never used: no connection is opened through DriverManager.
        super(1, "jdbc:tollgate-datasource", Map.of());
        this.dataSource = dataSource;
    }

    @Override
    public <R> R run(Action<R, Connection, SQLException> action) throws SQLException, InterruptedException {
        return run(action, false);
    }

    // Hikari already replaces broken connections; retrying here would repeat a statement whose
    // outcome is unknown (a commit's compare-and-set), so a failure goes up as it is.
    @Override
    public <R> R run(Action<R, Connection, SQLException> action, boolean retry) throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            return action.run(connection);
        }
    }

    @Override
    public void close() {
        // The DataSource is the service's, closed with it.
    }
}
