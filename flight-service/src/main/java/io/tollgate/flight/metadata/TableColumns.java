package io.tollgate.flight.metadata;

import io.tollgate.flight.types.PgArrowTypes;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TypeInfo;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables' columns as Arrow fields, typed exactly as a query over the table would type them: the
 * same mapping ({@link PgArrowTypes}), fed with the JDBC type, precision and scale pgjdbc itself
 * derives for a result column of that type.
 */
final class TableColumns {
    private TableColumns() {
    }

    /** The table's location, for the column metadata of its fields. */
    record TableName(String catalog, String schema, String table) {
    }

    /** Each table's fields, in column order, by table oid. */
    static Map<Long, List<Field>> of(Connection connection, Map<Long, TableName> tables) throws SQLException {
        Map<Long, List<Field>> fields = new HashMap<>();
        if (tables.isEmpty()) {
            return fields;
        }
        TypeInfo types = connection.unwrap(BaseConnection.class).getTypeInfo();
        Array oids = connection.createArrayOf("oid", tables.keySet().toArray());
        try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.COLUMNS)) {
            statement.setArray(1, oids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long table = rows.getLong("attrelid");
                    fields.computeIfAbsent(table, t -> new ArrayList<>())
                            .add(field(rows, types, tables.get(table)));
                }
            }
        } finally {
            oids.free();
        }
        return fields;
    }

    private static Field field(ResultSet row, TypeInfo types, TableName table) throws SQLException {
        int oid = types.longOidToInt(row.getLong("type_oid"));
        int typmod = row.getInt("typmod");
        String typeName = types.getPGType(oid);
        int jdbcType = types.getSQLType(oid);
        int precision = types.getPrecision(oid, typmod);
        int scale = types.getScale(oid, typmod);
        ArrowType arrowType = PgArrowTypes.forColumn(jdbcType, typeName, precision, scale);
        List<Field> children = null;
        if (arrowType instanceof ArrowType.List) {
            ArrowType element = PgArrowTypes.forColumn(Types.OTHER, PgArrowTypes.elementTypeName(typeName),
                    precision, scale);
            // Named as arrow-jdbc names the element field of a query's array column.
            children = List.of(Field.nullable("child", element));
        }
        FlightSqlColumnMetadata.Builder metadata = new FlightSqlColumnMetadata.Builder()
                .catalogName(table.catalog())
                .schemaName(table.schema())
                .tableName(table.table())
                .typeName(typeName)
                .precision(precision)
                .scale(scale)
                .isCaseSensitive(types.isCaseSensitive(oid))
                .isReadOnly(false)
                .isSearchable(true);
        // Said only when true: ADBC 0.20's Java driver cannot read GetObjects columns that carry
        // the key at all (it writes a field its own schema names differently).
        if (row.getBoolean("identity") || row.getBoolean("serial")) {
            metadata.isAutoIncrement(true);
        }
        String remarks = row.getString("remarks");
        if (remarks != null) {
            metadata.remarks(remarks);
        }
        FieldType type = new FieldType(!row.getBoolean("attnotnull"), arrowType, null, metadata.build().getMetadataMap());
        return new Field(row.getString("attname"), type, children);
    }
}
