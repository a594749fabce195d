package io.tollgate.flight.metadata;

import org.apache.arrow.vector.types.pojo.Field;

import java.util.List;

/** The rows catalog questions are answered with, one record per kind of answer. */
public final class CatalogRows {
    private CatalogRows() {
    }

    /** A schema of the tenant's database. */
    public record SchemaRow(String catalog, String schema) {
    }

    /**
     * A table or view.
     *
     * @param columns its columns as Arrow fields (with Flight SQL column metadata), or null when not asked for
     */
    public record TableRow(String catalog, String schema, String table, String type, List<Field> columns) {
    }

    /** One column of a primary key. */
    public record PrimaryKeyRow(String catalog, String schema, String table, String column, int keySequence,
                                String keyName) {
    }

    /**
     * One column pair of a foreign key. Rules use the JDBC/Flight SQL codes: 0 cascade, 1 restrict,
     * 2 set null, 3 no action, 4 set default.
     */
    public record ForeignKeyRow(String pkCatalog, String pkSchema, String pkTable, String pkColumn,
                                String fkCatalog, String fkSchema, String fkTable, String fkColumn,
                                int keySequence, String fkKeyName, String pkKeyName, int updateRule, int deleteRule) {
    }

    /** Which table (or tables) one side of a foreign key must be; null parts match anything. */
    public record TableRef(String catalog, String schema, String table) {
        public static final TableRef ANY = new TableRef(null, null, null);
    }
}
