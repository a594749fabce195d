package io.tollgate.flight.copy;

import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binary COPY decoded into Arrow must read exactly what JDBC reads, NULLs and edge values included. */
class BinaryCopyReaderTest {
    static final PostgresDatabase DB = PostgresDatabase.create();
    static final String QUERY = "SELECT s, i, l, r, d, b, t, v, c, dt, ts, tz, n FROM typed ORDER BY l";
    static final List<String> PG_TYPES = List.of("int2", "int4", "int8", "float4", "float8", "bool", "text",
            "varchar", "bpchar", "date", "timestamp", "timestamptz", "numeric");

    @BeforeAll
    static void table() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE typed (s int2, i int4, l int8, r float4, d float8, b bool, t text, v varchar(20), "
                    + "c char(5), dt date, ts timestamp, tz timestamptz, n numeric(20,3))");
            s.execute("INSERT INTO typed VALUES "
                    + "(1, 10, 100, 1.5, 2.25, true, 'héllo ✓', 'v', 'ab', '2024-02-29', '2024-02-29 12:34:56.789123', "
                    + "'2024-02-29 12:34:56.789123+02', 12345.678),"
                    + "(-32768, -2147483648, -9223372036854775808, -0.0, -1e300, false, '', '', '', '1969-07-20', "
                    + "'1969-07-20 20:17:40', '1901-01-01 00:00:00+00', -0.001),"
                    + "(NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                    + "(32767, 2147483647, 9223372036854775807, 3.4e38, 1.7976931348623157e308, true, repeat('x', 10000), "
                    + "'twenty chars exactly', 'abcde', '9999-12-31', '2199-12-31 23:59:59.999999', "
                    + "'2000-01-01 00:00:00+00', 12345678901234567.891),"
                    + "(2, 20, 200, 0, 0, false, 'a', 'b', 'c', '2000-01-01', '2000-01-01 00:00:00', "
                    + "'1999-12-31 23:59:59.999999+00', 0)");
        }
    }

    static Schema schema(TimeUnit unit) {
        return new Schema(List.of(
                Field.nullable("s", new ArrowType.Int(16, true)),
                Field.nullable("i", new ArrowType.Int(32, true)),
                Field.nullable("l", new ArrowType.Int(64, true)),
                Field.nullable("r", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                Field.nullable("d", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                Field.nullable("b", ArrowType.Bool.INSTANCE),
                Field.nullable("t", ArrowType.Utf8.INSTANCE),
                Field.nullable("v", ArrowType.Utf8.INSTANCE),
                Field.nullable("c", ArrowType.Utf8.INSTANCE),
                Field.nullable("dt", new ArrowType.Date(DateUnit.DAY)),
                Field.nullable("ts", new ArrowType.Timestamp(unit, null)),
                Field.nullable("tz", new ArrowType.Timestamp(unit, "UTC")),
                new Field("n", FieldType.nullable(new ArrowType.Decimal(20, 3, 128)), null)));
    }

    @Test
    void everyValueMatchesWhatJdbcReadsInMicroseconds() throws Exception {
        List<List<Object>> arrow = readWithCopy(schema(TimeUnit.MICROSECOND), 2);
        List<List<Object>> jdbc = readWithJdbc(ChronoUnit.MICROS);
        assertEquals(jdbc, arrow);
    }

    @Test
    void timestampsTruncateToMillisecondsWhenTheSchemaSaysSo() throws Exception {
        List<List<Object>> arrow = readWithCopy(schema(TimeUnit.MILLISECOND), 100);
        List<List<Object>> jdbc = readWithJdbc(ChronoUnit.MILLIS);
        assertEquals(jdbc, arrow);
    }

    @Test
    void aColumnTypeThePlanCannotDecodeMakesTheQueryIneligible() {
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(
                     Field.nullable("u", ArrowType.Utf8.INSTANCE))), allocator)) {
            assertTrue(CopyPlan.of(List.of("uuid"), root).isEmpty());
            assertTrue(CopyPlan.of(List.of("int4"), root).isEmpty(), "an int4 announced as text is not decoded");
            assertTrue(CopyPlan.of(List.of("text", "text"), root).isEmpty(), "column counts must agree");
        }
    }

    private static List<List<Object>> readWithCopy(Schema schema, int batchRows) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
             Connection c = DB.connect()) {
            Optional<CopyPlan> plan = CopyPlan.of(PG_TYPES, root);
            assertTrue(plan.isPresent());
            BaseConnection connection = c.unwrap(BaseConnection.class);
            BinaryCopyReader reader = new BinaryCopyReader(new CopyManager(connection)
                    .copyOut("COPY (" + QUERY + ") TO STDOUT (FORMAT binary)"), plan.get(), connection);
            int batches = 0;
            while (reader.next(root, batchRows) > 0) {
                batches++;
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (int col = 0; col < schema.getFields().size(); col++) {
                        row.add(normalise(root.getVector(col).getObject(r), col, schema));
                    }
                    rows.add(row);
                }
            }
            assertTrue(batches >= (batchRows < 5 ? 3 : 1), "read in several batches");
        }
        return rows;
    }

    private static Object normalise(Object value, int column, Schema schema) {
        if (value == null) {
            return null;
        }
        if (value instanceof org.apache.arrow.vector.util.Text text) {
            return text.toString();
        }
        if (value instanceof Boolean) {
            return value;
        }
        ArrowType type = schema.getFields().get(column).getType();
        if (type instanceof ArrowType.Timestamp ts) {
            // getObject gives LocalDateTime (no zone) or Long (with zone) depending on the vector.
            if (value instanceof java.time.LocalDateTime local) {
                return local.atOffset(ZoneOffset.UTC).toInstant().toString();
            }
            long amount = (Long) value;
            return (ts.getUnit() == TimeUnit.MICROSECOND
                    ? java.time.Instant.EPOCH.plus(amount, ChronoUnit.MICROS)
                    : java.time.Instant.ofEpochMilli(amount)).toString();
        }
        if (type instanceof ArrowType.Date) {
            return value instanceof Integer days ? LocalDate.ofEpochDay(days).toString() : value.toString();
        }
        return value;
    }

    private static List<List<Object>> readWithJdbc(ChronoUnit precision) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                row.add(rs.getObject(1) == null ? null : rs.getShort(1));
                row.add(rs.getObject(2) == null ? null : rs.getInt(2));
                row.add(rs.getObject(3) == null ? null : rs.getLong(3));
                row.add(rs.getObject(4) == null ? null : rs.getFloat(4));
                row.add(rs.getObject(5) == null ? null : rs.getDouble(5));
                row.add(rs.getObject(6) == null ? null : rs.getBoolean(6));
                row.add(rs.getString(7));
                row.add(rs.getString(8));
                row.add(rs.getString(9));
                row.add(rs.getObject(10) == null ? null : rs.getObject(10, LocalDate.class).toString());
                row.add(rs.getObject(11) == null ? null : floor(rs.getObject(11, java.time.LocalDateTime.class)
                        .atOffset(ZoneOffset.UTC), precision));
                row.add(rs.getObject(12) == null ? null : floor(rs.getObject(12, OffsetDateTime.class), precision));
                BigDecimal n = rs.getBigDecimal(13);
                row.add(n);
                rows.add(row);
            }
        }
        return rows;
    }

    private static String floor(OffsetDateTime time, ChronoUnit precision) {
        java.time.Instant instant = time.toInstant();
        long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, instant);
        long unit = precision == ChronoUnit.MILLIS ? 1000 : 1;
        return java.time.Instant.EPOCH.plus(Math.floorDiv(micros, unit) * unit, ChronoUnit.MICROS).toString();
    }
}
