package io.tollgate.catalog.storage;

import io.micronaut.jdbc.DataSourceResolver;
import io.tollgate.common.error.StoreException;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTUtil;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code staged_tables} table: the directory of each staged table not yet created, and who
 * staged it; kept until the commit that creates the table, or until it expires. Times are
 * PostgreSQL's ({@code now()}), so that every replica judges expiry by the same clock.
 */
@Singleton
public class StagedTableRecords {
    private static final String REMEMBER = "INSERT INTO staged_tables"
            + " (catalog_name, table_namespace, table_name, location, subject, staged_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, now(), now() + ? * interval '1 millisecond')"
            + " ON CONFLICT (catalog_name, location) DO NOTHING";
    // The expired ones and, beyond the newest `limit` live ones, the oldest: a warehouse keeps at most `limit`.
    private static final String TRIM = "DELETE FROM staged_tables WHERE catalog_name = ? AND (expires_at <= now()"
            + " OR location IN (SELECT location FROM staged_tables WHERE catalog_name = ? AND expires_at > now()"
            + " ORDER BY staged_at DESC, location OFFSET ?))";
    private static final String LOCATIONS = "SELECT location FROM staged_tables"
            + " WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND subject = ? AND expires_at > now()"
            + " ORDER BY staged_at DESC LIMIT ?";
    private static final String FORGET = "DELETE FROM staged_tables"
            + " WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND location = ?";
    private static final String SWEEP = "DELETE FROM staged_tables WHERE expires_at <= now()";

    private final DataSource dataSource;

    public StagedTableRecords(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /**
     * Keeps a staged table's directory for its stager, for {@code lifetime}; the warehouse then
     * keeps at most {@code maxPerWarehouse} (the oldest go first).
     */
    public void remember(String catalogName, TableIdentifier table, String location, String subject,
                         Duration lifetime, int maxPerWarehouse) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement remember = connection.prepareStatement(REMEMBER);
             PreparedStatement trim = connection.prepareStatement(TRIM)) {
            bindTable(remember, catalogName, table);
            remember.setString(4, location);
            remember.setString(5, subject);
            remember.setLong(6, lifetime.toMillis());
            remember.executeUpdate();
            trim.setString(1, catalogName);
            trim.setString(2, catalogName);
            trim.setInt(3, maxPerWarehouse);
            trim.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("keeping a staged table's location", e);
        }
    }

    /** The unexpired directories of the table as staged by {@code subject}, newest first, at most {@code limit}. */
    public List<String> locations(String catalogName, TableIdentifier table, String subject, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LOCATIONS)) {
            bindTable(select, catalogName, table);
            select.setString(4, subject);
            select.setInt(5, limit);
            List<String> locations = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    locations.add(rows.getString(1));
                }
            }
            return locations;
        } catch (SQLException e) {
            throw new StoreException("reading a staged table's locations", e);
        }
    }

    /** The staging at that directory is over (the table was created there). */
    public void forget(String catalogName, TableIdentifier table, String location) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement forget = connection.prepareStatement(FORGET)) {
            bindTable(forget, catalogName, table);
            forget.setString(4, location);
            forget.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("forgetting a staged table's location", e);
        }
    }

    /** Forgets every expired staging; returns how many. */
    public int sweep() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement sweep = connection.prepareStatement(SWEEP)) {
            return sweep.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("sweeping expired staged tables", e);
        }
    }

    private static void bindTable(PreparedStatement statement, String catalogName, TableIdentifier table)
            throws SQLException {
        statement.setString(1, catalogName);
        // Each level form-encoded (a '/' in a level becomes %2F), joined by '/': one spelling per namespace.
        statement.setString(2, RESTUtil.encodeNamespace(table.namespace(), "/"));
        statement.setString(3, table.name());
    }
}
