package io.tollgate.flight.types;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.PGResultSetMetaData;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * The layouts of results, remembered by shape: a prepared statement run again and again yields
 * results of one shape, whose schema and column readers are then made once instead of per result.
 * The shape is everything of the metadata the layout is made from, so a remembered layout is
 * always the one that would have been made.
 */
@Singleton
public class ResultLayouts {
    /** Distinct result shapes kept per replica; the least recently used beyond this are made again. */
    static final int CAPACITY = 2_000;

    private final Cache<String, ResultLayout> layouts = Caffeine.newBuilder().maximumSize(CAPACITY).build();
    private final BufferAllocator allocator;

    public ResultLayouts(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** The layout of a result with this metadata. */
    public ResultLayout of(ResultSetMetaData metadata) throws SQLException {
        String shape = shapeOf(metadata);
        ResultLayout known = layouts.getIfPresent(shape);
        if (known != null) {
            return known;
        }
        // Shared by every reader of the shape, on any thread: readers take nothing from its allocator
        // (every batch is given its vectors) nor from its calendar (PgConsumers reads dates and times).
        JdbcToArrowConfig config = ResultSchemas.config(metadata, allocator, 1);
        ResultLayout layout = new ResultLayout(JdbcToArrowUtils.jdbcToArrowSchema(metadata, config), config);
        layouts.put(shape, layout);
        return layout;
    }

    /** The Arrow schema of a result with this metadata; empty when the statement returns no rows. */
    public Schema schemaOf(ResultSetMetaData metadata) throws SQLException {
        if (metadata == null || metadata.getColumnCount() == 0) {
            return new Schema(List.of());
        }
        return of(metadata).schema();
    }

    /** Everything {@link ResultSchemas#config} reads of the metadata, in order. */
    static String shapeOf(ResultSetMetaData metadata) throws SQLException {
        PGResultSetMetaData pg = metadata.isWrapperFor(PGResultSetMetaData.class)
                ? metadata.unwrap(PGResultSetMetaData.class) : null;
        StringBuilder shape = new StringBuilder(32 * (metadata.getColumnCount() + 1));
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            shape.append(metadata.getColumnLabel(i)).append('\0')
                    .append(metadata.getColumnType(i)).append('\0')
                    .append(metadata.getColumnTypeName(i)).append('\0')
                    .append(metadata.getPrecision(i)).append('\0')
                    .append(metadata.getScale(i)).append('\0')
                    .append(metadata.isCaseSensitive(i)).append('\0')
                    .append(metadata.isAutoIncrement(i)).append('\0');
            if (pg != null) {
                shape.append(pg.getBaseSchemaName(i)).append('\0').append(pg.getBaseTableName(i));
            }
            shape.append('\1');
        }
        return shape.toString();
    }
}
