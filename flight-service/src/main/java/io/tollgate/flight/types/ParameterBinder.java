package io.tollgate.flight.types;

import io.tollgate.flight.error.InvalidRequestException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.postgresql.util.PGInterval;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Binds one row of Arrow values to a statement's parameters, column i to placeholder i. Typed
 * values bind as their PostgreSQL types; text, lists and NULLs of non-numeric types bind with an
 * unspecified type, so PostgreSQL reads them as whatever the statement needs there (uuid, json,
 * an enum, an array type, ...), exactly as it would a quoted literal in the same place.
 */
public final class ParameterBinder {
    private ParameterBinder() {
    }

    /**
     * @throws InvalidRequestException when the row's width differs from the statement's
     *                                  placeholders or a column has an unsupported type
     */
    public static void bindRow(PreparedStatement statement, VectorSchemaRoot row, int index, int parameterCount)
            throws SQLException {
        List<FieldVector> columns = row.getFieldVectors();
        if (columns.size() != parameterCount) {
            throw new InvalidRequestException("the statement has " + parameterCount
                    + " parameters but " + columns.size() + " values were bound");
        }
        for (int i = 0; i < columns.size(); i++) {
            bind(statement, i + 1, columns.get(i), index);
        }
    }

    private static void bind(PreparedStatement statement, int parameter, FieldVector vector, int index)
            throws SQLException {
        Object value = ArrowValues.read(vector, index);
        if (value == null) {
            statement.setNull(parameter, nullType(vector));
        } else if (value instanceof String text) {
            statement.setObject(parameter, text, Types.OTHER);
        } else if (value instanceof List<?> list) {
            statement.setObject(parameter, PgArrayLiterals.format(list), Types.OTHER);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(parameter, bytes);
        } else if (value instanceof BigDecimal decimal) {
            statement.setBigDecimal(parameter, decimal);
        } else if (value instanceof PGInterval interval) {
            statement.setObject(parameter, interval);
        } else {
            // Boolean, Short, Integer, Long, Float, Double and java.time values: pgjdbc binds each
            // as its PostgreSQL type.
            statement.setObject(parameter, value);
        }
    }

    private static int nullType(FieldVector vector) {
        return switch (vector.getMinorType()) {
            case BIT -> Types.BOOLEAN;
            case TINYINT, SMALLINT, UINT1 -> Types.SMALLINT;
            case INT, UINT2 -> Types.INTEGER;
            case BIGINT, UINT4 -> Types.BIGINT;
            case FLOAT2, FLOAT4 -> Types.REAL;
            case FLOAT8 -> Types.DOUBLE;
            case DECIMAL, DECIMAL256, UINT8 -> Types.NUMERIC;
            case VARBINARY, LARGEVARBINARY, VIEWVARBINARY, FIXEDSIZEBINARY -> Types.BINARY;
            default -> Types.OTHER;
        };
    }
}
