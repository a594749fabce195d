package io.tollgate.flight.types;

import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.memory.BufferAllocator;
import org.postgresql.PGResultSetMetaData;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * How a PostgreSQL result becomes Arrow: arrow-jdbc's configuration for one result's columns,
 * from which {@link ResultLayouts} makes both the schema announced before a statement runs and the
 * one streamed while it runs, so they are equal.
 *
 * <p>Every result column is nullable: pgjdbc reports a column's nullability from its base table,
 * which is wrong for outer joins, and a non-nullable Arrow column would turn a NULL into 0.
 */
public final class ResultSchemas {
    private ResultSchemas() {
    }

    /** arrow-jdbc's configuration for a result with this metadata. */
    public static JdbcToArrowConfig config(ResultSetMetaData metadata, BufferAllocator allocator, int batchRows)
            throws SQLException {
        Map<Integer, JdbcFieldInfo> columns = new HashMap<>();
        Map<Integer, JdbcFieldInfo> elements = new HashMap<>();
        Map<Integer, Map<String, String>> columnMetadata = new HashMap<>();
        PGResultSetMetaData pg = metadata.isWrapperFor(PGResultSetMetaData.class)
                ? metadata.unwrap(PGResultSetMetaData.class) : null;
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            String typeName = metadata.getColumnTypeName(i);
            int precision = metadata.getPrecision(i);
            int scale = metadata.getScale(i);
            columns.put(i, new PgFieldInfo(metadata.getColumnType(i), ResultSetMetaData.columnNullable, precision,
                    scale, typeName));
            if (metadata.getColumnType(i) == Types.ARRAY) {
                // pgjdbc reports an array column's precision and scale from its element type modifier.
                elements.put(i, new PgFieldInfo(Types.OTHER, ResultSetMetaData.columnNullable, precision, scale,
                        PgArrowTypes.elementTypeName(typeName)));
            }
            FlightSqlColumnMetadata.Builder column = new FlightSqlColumnMetadata.Builder()
                    .typeName(typeName)
                    .precision(precision)
                    .scale(scale)
                    .isCaseSensitive(metadata.isCaseSensitive(i))
                    .isSearchable(true);
            if (metadata.isAutoIncrement(i)) {
                column.isAutoIncrement(true);
            }
            if (pg != null) {
                column.schemaName(pg.getBaseSchemaName(i)).tableName(pg.getBaseTableName(i));
            }
            columnMetadata.put(i, column.build().getMetadataMap());
        }
        return new JdbcToArrowConfigBuilder(allocator, JdbcToArrowUtils.getUtcCalendar())
                .setExplicitTypesByColumnIndex(columns)
                .setArraySubTypeByColumnIndexMap(elements)
                .setColumnMetadataByColumnIndex(columnMetadata)
                .setJdbcToArrowTypeConverter(PgArrowTypes.CONVERTER)
                .setJdbcConsumerGetter(PgConsumers.INSTANCE)
                .setReuseVectorSchemaRoot(true)
                .setTargetBatchSize(batchRows)
                .build();
    }
}
