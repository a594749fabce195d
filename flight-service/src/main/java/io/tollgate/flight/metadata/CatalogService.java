package io.tollgate.flight.metadata;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.metadata.CatalogRows.ForeignKeyRow;
import io.tollgate.flight.metadata.CatalogRows.PrimaryKeyRow;
import io.tollgate.flight.metadata.CatalogRows.SchemaRow;
import io.tollgate.flight.metadata.CatalogRows.TableRef;
import io.tollgate.flight.metadata.CatalogRows.TableRow;
import io.tollgate.flight.transaction.SqlWork;
import io.tollgate.flight.transaction.SqlSessions;
import jakarta.inject.Singleton;
import org.apache.arrow.vector.types.pojo.Field;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers catalog questions (catalogs, schemas, tables and their columns, keys) from the
 * principal's tenant backend, inside a tenant session, so the answer is what that tenant's role
 * may see. The tenant's database is the one catalog. Knows nothing of Flight SQL's commands.
 */
@Singleton
public class CatalogService {
    /** The table types {@link CatalogQueries#TABLE_TYPE} can yield. */
    public static final List<String> TABLE_TYPES = List.of("FOREIGN TABLE", "MATERIALIZED VIEW", "PARTITIONED TABLE",
            "SYSTEM TABLE", "SYSTEM VIEW", "TABLE", "TEMPORARY TABLE", "TEMPORARY VIEW", "VIEW");

    private final SqlSessions sessions;

    public CatalogService(SqlSessions sessions) {
        this.sessions = sessions;
    }

    /** The tenant's database. */
    public List<String> catalogs(Principal principal) throws SQLException {
        return query(principal, connection -> {
            List<String> catalogs = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.CATALOGS);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    catalogs.add(rows.getString(1));
                }
            }
            return catalogs;
        });
    }

    /** @param catalog null for any; schemaPattern a LIKE pattern, null for any */
    public List<SchemaRow> schemas(Principal principal, String catalog, String schemaPattern) throws SQLException {
        return query(principal, connection -> {
            List<SchemaRow> schemas = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.SCHEMAS)) {
                statement.setString(1, catalog);
                statement.setString(2, schemaPattern);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        schemas.add(new SchemaRow(rows.getString(1), rows.getString(2)));
                    }
                }
            }
            return schemas;
        });
    }

    /**
     * @param types          table types to include, null for all
     * @param includeColumns whether to describe each table's columns
     */
    public List<TableRow> tables(Principal principal, String catalog, String schemaPattern, String tablePattern,
                                 List<String> types, boolean includeColumns) throws SQLException {
        return query(principal, connection -> {
            Map<Long, TableColumns.TableName> found = new LinkedHashMap<>();
            Map<Long, String> typeOf = new LinkedHashMap<>();
            Array typeArray = types == null ? null : connection.createArrayOf("text", types.toArray());
            try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.TABLES)) {
                statement.setString(1, catalog);
                statement.setString(2, schemaPattern);
                statement.setString(3, tablePattern);
                statement.setArray(4, typeArray);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long oid = rows.getLong(5);
                        found.put(oid, new TableColumns.TableName(rows.getString(1), rows.getString(2),
                                rows.getString(3)));
                        typeOf.put(oid, rows.getString(4));
                    }
                }
            } finally {
                if (typeArray != null) {
                    typeArray.free();
                }
            }
            Map<Long, List<Field>> columns = includeColumns ? TableColumns.of(connection, found) : Map.of();
            List<TableRow> tables = new ArrayList<>(found.size());
            found.forEach((oid, name) -> tables.add(new TableRow(name.catalog(), name.schema(), name.table(),
                    typeOf.get(oid), includeColumns ? columns.getOrDefault(oid, List.of()) : null)));
            return tables;
        });
    }

    /** The primary key of one table; catalog and schema null for any. */
    public List<PrimaryKeyRow> primaryKeys(Principal principal, String catalog, String schema, String table)
            throws SQLException {
        return query(principal, connection -> {
            List<PrimaryKeyRow> keys = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.PRIMARY_KEYS)) {
                statement.setString(1, catalog);
                statement.setString(2, schema);
                statement.setString(3, table);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new PrimaryKeyRow(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getInt(5), rows.getString(6)));
                    }
                }
            }
            return keys;
        });
    }

    /** Foreign keys from tables matching {@code foreign} to tables matching {@code primary}. */
    public List<ForeignKeyRow> foreignKeys(Principal principal, TableRef primary, TableRef foreign,
                                           boolean orderByPrimaryKeyTable) throws SQLException {
        String sql = CatalogQueries.FOREIGN_KEYS + (orderByPrimaryKeyTable
                ? CatalogQueries.BY_PRIMARY_KEY_TABLE : CatalogQueries.BY_FOREIGN_KEY_TABLE);
        return query(principal, connection -> {
            List<ForeignKeyRow> keys = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, primary.catalog());
                statement.setString(2, primary.schema());
                statement.setString(3, primary.table());
                statement.setString(4, foreign.catalog());
                statement.setString(5, foreign.schema());
                statement.setString(6, foreign.table());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new ForeignKeyRow(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), rows.getInt(9), rows.getString(10), rows.getString(11),
                                rows.getInt(12), rows.getInt(13)));
                    }
                }
            }
            return keys;
        });
    }

    private <T> T query(Principal principal, SqlWork<T> work) throws SQLException {
        return sessions.run(principal, work);
    }
}
