package io.tollgate.flight.copy;

import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Binary numerics from a real PostgreSQL land in decimal vectors with the exact value PostgreSQL
 * holds, whether they take the long fast path or the BigDecimal one.
 */
class PgNumericTest {
    static final PostgresDatabase DB = PostgresDatabase.create();

    @ParameterizedTest(name = "numeric({1},{2})")
    @CsvSource({
            "'0, 1, -1, 0.5, -0.5, 0.0001, -0.0001, 9999.9999, 10000, 100000000, 12345678901234.5678, -99999999999999.9999', 18, 4",
            "'0, 7, -7, 123456789012345678, -999999999999999999, 100000000000000000', 18, 0",
            "'922337203685477.5807, -922337203685477.5807, 922337203685477.5808, 1.1', 19, 4",
            "'99999999999999999999.999, -12345678901234567.891, 0.001, 10000000000000000000000', 26, 3",
            "'0.000000000000000001, 1.000000000000000001, -0.999999999999999999', 20, 18",
    })
    void everyValueIsExact(String values, int precision, int scale) throws Exception {
        String sql = "SELECT v::text, v::numeric(" + precision + "," + scale + ") FROM unnest(string_to_array('"
                + values.replace(" ", "") + "', ',')::numeric[]) v";
        Schema schema = new Schema(List.of(Field.nullable("text", ArrowType.Utf8.INSTANCE),
                Field.nullable("n", new ArrowType.Decimal(precision, scale, 128))));
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
             Connection c = DB.connect()) {
            BaseConnection connection = c.unwrap(BaseConnection.class);
            BinaryCopyReader reader = new BinaryCopyReader(new CopyManager(connection)
                    .copyOut("COPY (" + sql + ") TO STDOUT (FORMAT binary)"),
                    CopyPlan.of(List.of("text", "numeric"), root).orElseThrow(), connection);
            int rows = reader.next(root, 1000);
            assertEquals(values.split(",").length, rows);
            VarCharVector text = (VarCharVector) root.getVector(0);
            DecimalVector decimal = (DecimalVector) root.getVector(1);
            for (int row = 0; row < rows; row++) {
                BigDecimal expected = new BigDecimal(text.getObject(row).toString())
                        .setScale(scale, java.math.RoundingMode.HALF_UP);
                assertEquals(expected, decimal.getObject(row), "row " + row);
            }
        }
    }
}
