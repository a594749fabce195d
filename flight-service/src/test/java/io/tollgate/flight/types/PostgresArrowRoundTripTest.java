package io.tollgate.flight.types;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TableSchemas;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every common PostgreSQL type through Flight SQL and back, NULLs included: the Arrow types
 * announced and streamed, the values read, and the same values written back by bulk ingest and
 * by a prepared statement's bound parameters.
 */
class PostgresArrowRoundTripTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static final String SELECT_ALL = "SELECT * FROM all_types ORDER BY id";
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static FlightSqlClient client;

    /** Column → the Arrow type a query over it must have. */
    static final Map<String, ArrowType> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("id", new ArrowType.Int(32, true));
        TYPES.put("c_smallint", new ArrowType.Int(16, true));
        TYPES.put("c_int", new ArrowType.Int(32, true));
        TYPES.put("c_bigint", new ArrowType.Int(64, true));
        TYPES.put("c_real", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
        TYPES.put("c_double", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
        TYPES.put("c_numeric", new ArrowType.Decimal(12, 3, 128));
        TYPES.put("c_numeric_wide", new ArrowType.Decimal(50, 10, 256));
        TYPES.put("c_numeric_free", ArrowType.Utf8.INSTANCE);
        TYPES.put("c_text", ArrowType.Utf8.INSTANCE);
        TYPES.put("c_varchar", ArrowType.Utf8.INSTANCE);
        TYPES.put("c_char", ArrowType.Utf8.INSTANCE);
        TYPES.put("c_bool", ArrowType.Bool.INSTANCE);
        TYPES.put("c_date", new ArrowType.Date(DateUnit.DAY));
        TYPES.put("c_time", new ArrowType.Time(TimeUnit.MICROSECOND, 64));
        TYPES.put("c_ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
        TYPES.put("c_tstz", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
        TYPES.put("c_interval", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO));
        TYPES.put("c_bytea", ArrowType.Binary.INSTANCE);
        TYPES.put("c_uuid", ArrowType.Utf8.INSTANCE);
        TYPES.put("c_json", ArrowType.Utf8.INSTANCE);
        TYPES.put("c_jsonb", ArrowType.Utf8.INSTANCE);
        TYPES.put("c_enum", ArrowType.Utf8.INSTANCE);
        TYPES.put("c_int_array", ArrowType.List.INSTANCE);
        TYPES.put("c_text_array", ArrowType.List.INSTANCE);
        TYPES.put("c_tstz_array", ArrowType.List.INSTANCE);
        TYPES.put("c_numeric_array", ArrowType.List.INSTANCE);
    }

    static final Map<String, ArrowType> ELEMENT_TYPES = Map.of(
            "c_int_array", new ArrowType.Int(32, true),
            "c_text_array", ArrowType.Utf8.INSTANCE,
            "c_tstz_array", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
            "c_numeric_array", new ArrowType.Decimal(5, 1, 128));

    static final String TABLE = """
            CREATE TABLE all_types (
              id int PRIMARY KEY, c_smallint smallint, c_int int, c_bigint bigint, c_real real,
              c_double double precision, c_numeric numeric(12,3), c_numeric_wide numeric(50,10),
              c_numeric_free numeric, c_text text, c_varchar varchar(10), c_char char(3), c_bool boolean,
              c_date date, c_time time, c_ts timestamp, c_tstz timestamptz, c_interval interval, c_bytea bytea,
              c_uuid uuid, c_json json, c_jsonb jsonb, c_enum mood, c_int_array int[], c_text_array text[],
              c_tstz_array timestamptz[], c_numeric_array numeric(5,1)[])""";

    @BeforeAll
    static void start() throws Exception {
        var acme = DB.addTenant("acme", 4);
        DB.executeAs("acme",
                "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                TABLE,
                """
                INSERT INTO all_types VALUES
                  (1, 32767, -2147483648, 9223372036854775807, 1.5, 2.25, 12345.678,
                   '1234567890123456789012345678901234567890.0123456789',
                   '3.14159265358979323846264338327950288419716939937510', 'tollgate ✓ "quoted"', 'abc', 'ab', true,
                   '1582-10-10', '23:59:59.999999', '2024-02-29 12:34:56.789012', '2024-02-29 12:34:56.789012+02',
                   '1 year 2 mons 3 days 04:05:06.789', '\\xdeadbeef', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                   '{"a": [1, 2]}', '{"b": 1}', 'happy', '{1,NULL,3}', '{"a","b,c",NULL,"d\\"e"}',
                   '{"2024-01-01 10:00:00+02"}', '{1.5,NULL}'),
                  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                  (3, -1, 0, -1, 'NaN', '-Infinity', -0.001, 0, 'NaN', '', '', '', false,
                   '1969-12-31', '00:00:00', '1900-01-01 00:00:00.000001', '1969-12-31 23:59:59.999999+00',
                   '-1 days -00:00:01.5', '\\x', '00000000-0000-0000-0000-000000000000', '[]', 'null', 'sad',
                   '{}', '{""}', '{}', '{}')
                """);
        server = FlightSqlServer.start(List.of(acme));
        allocator = new RootAllocator();
        client = server.client(allocator, server.token("a@acme", "acme", "tenant-admin"));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        allocator.close();
        server.close();
    }

    @Test
    void everyColumnHasItsArrowTypeAndTheAnnouncedSchemaIsTheStreamedOne() throws Exception {
        FlightInfo info = client.execute(SELECT_ALL);
        Results results = Results.read(client, info);
        assertEquals(info.getSchemaOptional().orElseThrow(), results.schema(), "announced == streamed");
        try (FlightSqlClient.PreparedStatement prepared = client.prepare(SELECT_ALL)) {
            assertEquals(results.schema(), prepared.getResultSetSchema(), "prepared dataset schema == streamed");
        }
        Map<String, ArrowType> actual = new LinkedHashMap<>();
        for (Field field : results.schema().getFields()) {
            actual.put(field.getName(), field.getType());
            assertTrue(field.isNullable(), field.getName() + " is nullable");
            if (ELEMENT_TYPES.containsKey(field.getName())) {
                assertEquals(ELEMENT_TYPES.get(field.getName()), field.getChildren().get(0).getType(), field.getName());
            }
        }
        assertEquals(TYPES, actual);
        assertEquals("uuid", results.schema().findField("c_uuid").getMetadata().get("ARROW:FLIGHT:SQL:TYPE_NAME"));
    }

    @Test
    void valuesArriveExactlyAndNullsStayNull() throws Exception {
        Results results = Results.read(client, client.execute(SELECT_ALL));
        List<Object> full = results.rows().get(0);
        Map<String, Object> row = named(results.schema(), full);
        assertEquals((short) 32767, row.get("c_smallint"));
        assertEquals(Integer.MIN_VALUE, row.get("c_int"));
        assertEquals(Long.MAX_VALUE, row.get("c_bigint"));
        assertEquals(1.5f, row.get("c_real"));
        assertEquals(2.25d, row.get("c_double"));
        assertEquals(new BigDecimal("12345.678"), row.get("c_numeric"));
        assertEquals(new BigDecimal("1234567890123456789012345678901234567890.0123456789"), row.get("c_numeric_wide"));
        assertEquals("3.14159265358979323846264338327950288419716939937510", row.get("c_numeric_free").toString());
        assertEquals("tollgate ✓ \"quoted\"", row.get("c_text").toString());
        assertEquals("ab ", row.get("c_char").toString());
        assertEquals(true, row.get("c_bool"));
        assertEquals((int) LocalDate.of(1582, 10, 10).toEpochDay(), row.get("c_date"), "no Julian calendar shift");
        assertEquals(Duration.ofHours(24).toNanos() / 1000 - 1, row.get("c_time"), "microseconds kept");
        assertEquals(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000), row.get("c_ts"));
        assertEquals(micros(Instant.parse("2024-02-29T10:34:56.789012Z")), row.get("c_tstz"), "UTC");
        assertEquals(new PeriodDuration(Period.of(0, 14, 3), Duration.parse("PT4H5M6.789S")), row.get("c_interval"));
        assertArrayEquals(HexFormat.of().parseHex("deadbeef"), (byte[]) row.get("c_bytea"));
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", row.get("c_uuid").toString());
        assertEquals("{\"a\": [1, 2]}", row.get("c_json").toString());
        assertEquals("{\"b\": 1}", row.get("c_jsonb").toString());
        assertEquals("happy", row.get("c_enum").toString());
        assertEquals(Arrays.asList(1, null, 3), row.get("c_int_array"));
        assertEquals(Arrays.asList("a", "b,c", null, "d\"e"), strings((List<?>) row.get("c_text_array")));
        assertEquals(List.of(micros(Instant.parse("2024-01-01T08:00:00Z"))), row.get("c_tstz_array"));
        assertEquals(Arrays.asList(new BigDecimal("1.5"), null), row.get("c_numeric_array"));

        List<Object> nulls = results.rows().get(1);
        for (int i = 1; i < nulls.size(); i++) {
            assertNull(nulls.get(i), results.schema().getFields().get(i).getName());
        }

        Map<String, Object> edges = named(results.schema(), results.rows().get(2));
        assertEquals(Float.NaN, edges.get("c_real"));
        assertEquals(Double.NEGATIVE_INFINITY, edges.get("c_double"));
        assertEquals("NaN", edges.get("c_numeric_free").toString());
        assertEquals(-1, edges.get("c_date"));
        assertEquals(-1L, edges.get("c_tstz"), "one microsecond before the epoch");
        assertEquals(new PeriodDuration(Period.ofDays(-1), Duration.ofMillis(-1500)), edges.get("c_interval"));
        assertEquals(0, ((byte[]) edges.get("c_bytea")).length);
        assertEquals(List.of(), edges.get("c_int_array"));
        assertEquals(List.of(""), strings((List<?>) edges.get("c_text_array")));
    }

    @Test
    void anInfiniteDateOrTimestampIsRefusedClearly() {
        for (String infinite : List.of("'infinity'::date", "'-infinity'::timestamp", "'infinity'::timestamptz")) {
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> Results.read(client, client.execute("SELECT " + infinite)));
            assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code(), infinite);
            assertTrue(refused.status().description().contains("infinite"), refused.status().description());
        }
    }

    @Test
    void theColumnsTheCatalogAnnouncesHaveTheTypesAQueryOverTheTableStreams() throws Exception {
        Schema streamed = Results.read(client, client.execute(SELECT_ALL)).schema();
        Schema announced = TableSchemas.of(client, "acme", "all_types").get("all_types");
        assertEquals(streamed.getFields().size(), announced.getFields().size());
        for (int i = 0; i < streamed.getFields().size(); i++) {
            Field query = streamed.getFields().get(i);
            Field table = announced.getFields().get(i);
            assertEquals(query.getName(), table.getName());
            assertEquals(query.getType(), table.getType(), query.getName());
            assertEquals(query.getChildren().stream().map(Field::getType).toList(),
                    table.getChildren().stream().map(Field::getType).toList(), query.getName());
        }
    }

    @Test
    void bulkIngestWritesBackWhatWasRead() throws Exception {
        try (FlightStream stream = client.getStream(client.execute(SELECT_ALL).getEndpoints().get(0).getTicket())) {
            long written = 0;
            while (stream.next()) {
                written += client.executeIngest(stream.getRoot(), new FlightSqlClient.ExecuteIngestOptions("ingested",
                        TableDefinitionOptions.newBuilder()
                                .setIfNotExist(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE)
                                .setIfExists(TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_APPEND)
                                .build(), false, null, null, null));
            }
            assertEquals(3, written);
        }
        assertEquals(rowsAsText("all_types"), rowsAsText("ingested"));
        assertEquals("uuid", columnType("ingested", "c_uuid"), "the type name in the field metadata is used");
        assertEquals("jsonb", columnType("ingested", "c_jsonb"));
        assertEquals("numeric", columnType("ingested", "c_numeric_free"));
        assertEquals("timestamp with time zone", columnType("ingested", "c_tstz"));
        assertEquals("ARRAY", columnType("ingested", "c_int_array"));
    }

    @Test
    void boundParametersOfEveryTypeReachTheirColumns() throws Exception {
        DB.executeAs("acme", "CREATE TABLE bound (LIKE all_types)");
        try (FlightStream stream = client.getStream(client.execute(SELECT_ALL).getEndpoints().get(0).getTicket());
             FlightSqlClient.PreparedStatement insert = client.prepare("INSERT INTO bound VALUES ("
                     + String.join(", ", java.util.Collections.nCopies(TYPES.size(), "?")) + ")")) {
            assertEquals(TYPES.size(), insert.getParameterSchema().getFields().size());
            long inserted = 0;
            while (stream.next()) {
                insert.setParameters(stream.getRoot());
                inserted += insert.executeUpdate();
            }
            assertEquals(3, inserted);
        }
        assertEquals(rowsAsText("all_types"), rowsAsText("bound"));
    }

    private static List<String> rowsAsText(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DB.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT t::text FROM acme." + table + " t ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String columnType(String table, String column) throws Exception {
        try (Connection c = DB.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT data_type FROM information_schema.columns WHERE table_schema = 'acme'"
                     + " AND table_name = '" + table + "' AND column_name = '" + column + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, Object> named(Schema schema, List<Object> row) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            named.put(schema.getFields().get(i).getName(), row.get(i));
        }
        return named;
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(v -> v == null ? null : v.toString()).toList();
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
