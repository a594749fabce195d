package io.tollgate.flight.types;

import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.List;

/**
 * How results of one shape become Arrow: their schema, and how each column is read into its
 * vector. Made once per shape (see {@link ResultLayouts}) and shared by every result of that shape.
 */
public final class ResultLayout {
    private final Schema schema;
    private final JdbcToArrowConfig config;

    ResultLayout(Schema schema, JdbcToArrowConfig config) {
        this.schema = schema;
        this.config = config;
    }

    public Schema schema() {
        return schema;
    }

    /** Readers of each column of a result of this layout, into the vectors of {@code root}. */
    public ColumnReaders readers(VectorSchemaRoot root) {
        List<Field> fields = schema.getFields();
        @SuppressWarnings("rawtypes")
        JdbcConsumer[] consumers = new JdbcConsumer[fields.size()];
        for (int column = 0; column < consumers.length; column++) {
            Field field = fields.get(column);
            consumers[column] = config.getJdbcConsumerGetter().apply(field.getType(), column + 1,
                    field.isNullable(), root.getVector(column), config);
        }
        return new ColumnReaders(consumers);
    }
}
