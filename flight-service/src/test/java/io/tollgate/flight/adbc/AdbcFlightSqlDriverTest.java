package io.tollgate.flight.adbc;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Parameters;
import io.tollgate.flight.support.Parameters.Row;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.adbc.core.AdbcConnection;
import org.apache.arrow.adbc.core.AdbcDatabase;
import org.apache.arrow.adbc.core.AdbcDriver;
import org.apache.arrow.adbc.core.AdbcException;
import org.apache.arrow.adbc.core.AdbcStatement;
import org.apache.arrow.adbc.core.AdbcStatusCode;
import org.apache.arrow.adbc.core.BulkIngestMode;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlConnectionProperties;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlDriver;
import org.apache.arrow.adbc.sql.SqlQuirks;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ADBC's Flight SQL driver for Java (0.20.0). It runs in its own Surefire execution: it needs the
 * unshaded flight-sql-jdbc-core, whose classes clash with the shaded JDBC driver's.
 */
class AdbcFlightSqlDriverTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static AdbcDatabase database;
    /** The same settings with {@code adbc.flight.sql.rpc.with_cookie_middleware=true}. */
    static AdbcDatabase withCookies;

    /** ADBC creates ingest tables itself, with these column types. */
    static final SqlQuirks POSTGRES = SqlQuirks.builder().arrowToSqlTypeNameMapping(type -> switch (type.getTypeID()) {
        case Int -> ((ArrowType.Int) type).getBitWidth() == 64 ? "bigint" : "integer";
        case Utf8 -> "text";
        default -> null;
    }).build();

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(ShopSchema.create(DB));
        allocator = new RootAllocator();
        Map<String, Object> parameters = new HashMap<>();
        AdbcDriver.PARAM_URI.set(parameters, "grpc+tcp://127.0.0.1:" + server.port());
        parameters.put("adbc.flight.sql.rpc.call_header.authorization",
                "Bearer " + server.token("a@acme", "acme", "tenant-admin"));
        parameters.put(AdbcDriver.PARAM_SQL_QUIRKS, POSTGRES);
        database = new FlightSqlDriver(allocator).open(parameters);
        // A copy: the database reads its map again on every connect.
        Map<String, Object> cookieParameters = new HashMap<>(parameters);
        FlightSqlConnectionProperties.WITH_COOKIE_MIDDLEWARE.set(cookieParameters, true);
        withCookies = new FlightSqlDriver(allocator).open(cookieParameters);
    }

    @AfterAll
    static void stop() throws Exception {
        withCookies.close();
        database.close();
        allocator.close();
        server.close();
    }

    private static List<List<Object>> query(AdbcConnection connection, String sql, VectorSchemaRoot parameters)
            throws Exception {
        try (AdbcStatement statement = connection.createStatement()) {
            statement.setSqlQuery(sql);
            if (parameters != null) {
                statement.prepare();
                statement.bind(parameters);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (AdbcStatement.QueryResult result = statement.executeQuery()) {
                ArrowReader reader = result.getReader();
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    for (int i = 0; i < root.getRowCount(); i++) {
                        List<Object> row = new ArrayList<>();
                        for (FieldVector vector : root.getFieldVectors()) {
                            Object value = vector.getObject(i);
                            row.add(value == null ? null : value.toString());
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        }
    }

    @Test
    void aQueryReturnsItsRows() throws Exception {
        try (AdbcConnection connection = database.connect()) {
            assertEquals(List.of(List.of("1", "Ada"), List.of("2", "Grace"), List.of("3", "Edsger")),
                    query(connection, "SELECT id, name FROM customers WHERE id <= 3 ORDER BY id", null));
        }
    }

    @Test
    void getObjectsWalksCatalogSchemasTablesAndColumns() throws Exception {
        try (AdbcConnection connection = database.connect();
             ArrowReader objects = connection.getObjects(AdbcConnection.GetObjectsDepth.ALL, null, "acme",
                     "customers", null, null)) {
            StringBuilder all = new StringBuilder();
            while (objects.loadNextBatch()) {
                all.append(objects.getVectorSchemaRoot().contentToTSVString());
            }
            assertTrue(all.toString().contains(DB.database().name()), all.toString());
            assertTrue(all.toString().contains("\"table_name\":\"customers\""), all.toString());
            assertTrue(all.toString().contains("\"column_name\":\"name\""), all.toString());
            assertTrue(all.toString().contains("\"xdbc_type_name\":\"text\""), all.toString());
        }
    }

    private static long update(AdbcConnection connection, String sql, VectorSchemaRoot parameters) throws Exception {
        try (AdbcStatement statement = connection.createStatement()) {
            statement.setSqlQuery(sql);
            statement.prepare();
            statement.bind(parameters);
            return statement.executeUpdate().getAffectedRows();
        }
    }

    private static void ingest(AdbcConnection connection, String table, BulkIngestMode mode, VectorSchemaRoot rows)
            throws Exception {
        try (AdbcStatement ingest = connection.bulkIngest(table, mode)) {
            ingest.bind(rows);
            ingest.executeUpdate();
        }
    }

    /**
     * ADBC 0.20's Java driver sends its call headers (here, the bearer token) with plain calls but
     * not with a prepared statement's executions, which it makes with no call options at all; its
     * bulk ingest is a prepared INSERT. Tollgate authenticates every call, so without the cookie
     * middleware these are refused, and nothing runs unauthenticated.
     */
    @Test
    void withoutTheCookieMiddlewareParameterBindingAndBulkIngestAreRefusedAsThisDriverSendsNoCredentialsWithThem()
            throws Exception {
        try (AdbcConnection connection = database.connect();
             VectorSchemaRoot parameters = Parameters.intAndText(allocator, new Row(3, "unused"))) {
            AdbcException bound = assertThrows(AdbcException.class,
                    () -> query(connection, "SELECT name FROM customers WHERE id = ? AND name <> ?", parameters));
            assertEquals(AdbcStatusCode.UNAUTHENTICATED, bound.getStatus());

            try (VectorSchemaRoot newRow = Parameters.intAndText(allocator, new Row(60, "Nobody"))) {
                AdbcException updated = assertThrows(AdbcException.class,
                        () -> update(connection, "INSERT INTO customers VALUES (?, ?)", newRow));
                assertEquals(AdbcStatusCode.UNAUTHENTICATED, updated.getStatus());
            }

            AdbcException ingested = assertThrows(AdbcException.class,
                    () -> ingest(connection, "visits", BulkIngestMode.CREATE, parameters));
            assertEquals(AdbcStatusCode.UNAUTHENTICATED, ingested.getStatus());
            assertEquals(List.of(), query(connection, "SELECT * FROM visits", null),
                    "the table was created by a plain call; no row went in");
            assertEquals(List.of(), query(connection, "SELECT id FROM customers WHERE id = 60", null),
                    "the prepared update did not run");
        }
    }

    /**
     * With its cookie middleware on, the driver stores the session cookie the server sets in reply
     * to its first call (the handshake, which carries the bearer header) and sends it with every
     * later call of the connection, prepared executions included.
     */
    @Test
    void withTheCookieMiddlewareAQueryBindsItsParameters() throws Exception {
        try (AdbcConnection connection = withCookies.connect();
             VectorSchemaRoot parameters = Parameters.intAndText(allocator, new Row(2, "Ada"), new Row(1, "Grace"))) {
            assertEquals(List.of(List.of("Grace"), List.of("Ada")),
                    query(connection, "SELECT name FROM customers WHERE id = ? AND name <> ?", parameters),
                    "one result per parameter row, in order");
        }
    }

    @Test
    void withTheCookieMiddlewareAPreparedUpdateRunsOncePerParameterRow() throws Exception {
        try (AdbcConnection connection = withCookies.connect();
             VectorSchemaRoot parameters = Parameters.intAndText(allocator, new Row(50, "Barbara"),
                     new Row(51, "Frances"))) {
            assertEquals(2, update(connection, "INSERT INTO customers VALUES (?, ?)", parameters));
        }
        try (AdbcConnection other = database.connect()) {
            assertEquals(List.of(List.of("50", "Barbara"), List.of("51", "Frances")),
                    query(other, "SELECT id, name FROM customers WHERE id >= 50 ORDER BY id", null));
        }
    }

    @Test
    void withTheCookieMiddlewareBulkIngestCreatesAndAppends() throws Exception {
        try (AdbcConnection connection = withCookies.connect()) {
            try (VectorSchemaRoot first = Parameters.intAndText(allocator, new Row(1, "home"), new Row(2, null))) {
                ingest(connection, "cookie_visits", BulkIngestMode.CREATE, first);
            }
            try (VectorSchemaRoot more = Parameters.intAndText(allocator, new Row(3, "cart"))) {
                ingest(connection, "cookie_visits", BulkIngestMode.APPEND, more);
            }
        }
        try (AdbcConnection other = database.connect()) {
            assertEquals(List.of(Arrays.asList("1", "home"), Arrays.asList("2", null), Arrays.asList("3", "cart")),
                    query(other, "SELECT id, text FROM cookie_visits ORDER BY id", null));
        }
    }

    @Test
    void theDriverRunsEveryStatementInItsOwnTransactionAndOffersNoOther() throws Exception {
        try (AdbcConnection connection = database.connect()) {
            assertTrue(connection.getAutoCommit());
            AdbcException refused = assertThrows(AdbcException.class, () -> connection.setAutoCommit(false));
            assertEquals(AdbcStatusCode.NOT_IMPLEMENTED, refused.getStatus());
            try (AdbcStatement insert = connection.createStatement()) {
                insert.setSqlQuery("INSERT INTO customers VALUES (40, 'Barbara')");
                assertEquals(1, insert.executeUpdate().getAffectedRows());
            }
            try (AdbcConnection other = database.connect()) {
                assertEquals(List.of(List.of("Barbara")),
                        query(other, "SELECT name FROM customers WHERE id = 40", null), "committed at once");
            }
        }
    }

    @Test
    void badSqlReachesTheApplicationWithItsSqlState() throws Exception {
        try (AdbcConnection connection = database.connect()) {
            AdbcException refused = assertThrows(AdbcException.class,
                    () -> query(connection, "SELECT * FROM no_such_table", null));
            assertEquals(AdbcStatusCode.INVALID_ARGUMENT, refused.getStatus());
            assertTrue(refused.getMessage().contains("SQLSTATE 42P01"), refused.getMessage());
        }
    }
}
