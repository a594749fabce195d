package io.tollgate.catalog.storage;

import io.micronaut.jdbc.DataSourceResolver;
import io.tollgate.common.error.StoreException;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rows of Iceberg's JDBC catalog table ({@code iceberg_tables}, schema V1) that the catalog reads
 * and swaps itself, where the library has no call for it: a table's current metadata location
 * without reading its metadata file (what an ETag is made from), and the compare-and-set of several
 * tables' metadata locations in one PostgreSQL transaction (a multi-table commit: all swap or none).
 * It also lists a namespace's tables or views a page at a time, in name order, from where the
 * previous page ended: the library would read every name of the namespace for each page, after two
 * queries asking whether the namespace exists. Namespaces are stored as Iceberg's JDBC catalog
 * stores them (levels joined by dots), so these rows are the very ones the library reads and commits
 * to with the same compare-and-set.
 */
@Singleton
public class TableRows {
    private static final String CURRENT = "SELECT metadata_location FROM iceberg_tables"
            + " WHERE catalog_name = ? AND table_namespace = ? AND table_name = ?"
            + " AND (iceberg_type = 'TABLE' OR iceberg_type IS NULL)";
    private static final String SWAP = "UPDATE iceberg_tables SET metadata_location = ?, previous_metadata_location = ?"
            + " WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND metadata_location = ?"
            + " AND (iceberg_type = 'TABLE' OR iceberg_type IS NULL)";
    // A table the transaction reads but does not change must still be as read when the others swap.
    private static final String HOLD = CURRENT + " AND metadata_location = ? FOR SHARE";
    // A range of the primary key (catalog_name, table_namespace, table_name), read in its order.
    private static final String NAMES = "SELECT table_name FROM iceberg_tables"
            + " WHERE catalog_name = ? AND table_namespace = ? AND table_name > ? AND %s"
            + " ORDER BY table_name LIMIT ?";

    /** The two kinds of row Iceberg's JDBC catalog keeps in one table (schema V1). */
    public enum Kind {
        TABLE("(iceberg_type = 'TABLE' OR iceberg_type IS NULL)"),
        VIEW("iceberg_type = 'VIEW'");

        private final String names;

        Kind(String condition) {
            this.names = NAMES.formatted(condition);
        }
    }

    private final DataSource dataSource;

    /** Takes the pool itself, as {@link WarehouseCatalogs} does, to manage the transaction here. */
    public TableRows(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /**
     * One table's move from the metadata file it had when the commit was prepared to its new one.
     * A swap whose two locations are equal changes nothing, but still fails the whole commit when the
     * table has moved on since it was read.
     */
    public record Swap(TableIdentifier table, String expectedLocation, String newLocation) {
        boolean changes() {
            return !expectedLocation.equals(newLocation);
        }
    }

    /** The table's current metadata location; empty when the catalog has no such table. */
    public Optional<String> currentMetadataLocation(String catalogName, TableIdentifier table) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CURRENT)) {
            bindTable(select, 1, catalogName, table);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a table's metadata location", e);
        }
    }

    /**
     * The names of a namespace's tables or views that sort after {@code after} (empty: from the
     * first), in order, at most {@code limit} of them. Empty also when the namespace does not exist.
     */
    public List<String> namesAfter(String catalogName, Namespace namespace, Kind kind, String after, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(kind.names)) {
            select.setString(1, catalogName);
            select.setString(2, String.join(".", namespace.levels()));
            select.setString(3, after);
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<String> names = new ArrayList<>(limit);
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        } catch (SQLException e) {
            throw new StoreException("listing a namespace's tables", e);
        }
    }

    /**
     * Swaps every table's metadata location in one transaction, or none: any table whose row is not
     * at its expected location any more rolls the whole transaction back.
     *
     * @throws CommitFailedException naming the first table that moved on
     */
    public void swapAll(String catalogName, List<Swap> swaps) {
        // One order for every committer, so that two transactions over the same tables lock their
        // rows in the same order and never deadlock.
        List<Swap> ordered = swaps.stream().sorted(Comparator.comparing(swap -> swap.table().toString())).toList();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (Swap swap : ordered) {
                    if (!(swap.changes() ? swapped(connection, catalogName, swap) : held(connection, catalogName, swap))) {
                        throw new CommitFailedException("Commit failed: table %s was changed concurrently; "
                                + "no table of the transaction was changed", swap.table());
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("committing a multi-table transaction", e);
        }
    }

    private static boolean swapped(Connection connection, String catalogName, Swap swap) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SWAP)) {
            update.setString(1, swap.newLocation());
            update.setString(2, swap.expectedLocation());
            bindTable(update, 3, catalogName, swap.table());
            update.setString(6, swap.expectedLocation());
            return update.executeUpdate() == 1;
        }
    }

    private static boolean held(Connection connection, String catalogName, Swap swap) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(HOLD)) {
            bindTable(select, 1, catalogName, swap.table());
            select.setString(4, swap.expectedLocation());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void bindTable(PreparedStatement statement, int first, String catalogName, TableIdentifier table)
            throws SQLException {
        statement.setString(first, catalogName);
        statement.setString(first + 1, String.join(".", table.namespace().levels()));
        statement.setString(first + 2, table.name());
    }
}
