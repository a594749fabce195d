package io.tollgate.flight.sql;

import io.tollgate.flight.statement.QueryService;
import io.tollgate.flight.support.BackendActivity;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Parameters;
import io.tollgate.flight.support.Quotas;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row and byte quotas on results, on both read paths (binary COPY and JDBC), with arrow-java's
 * FlightSqlClient and the Flight SQL JDBC driver. Batches are 100 rows, so the limits fall inside
 * multi-batch results.
 */
class FlightSqlResultQuotaTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    /**
     * Never ends on its own within a test's life: only the quota stops it. (In the select list, the
     * series streams; in FROM, PostgreSQL would first materialise all of it.)
     */
    static final String ENDLESS = "SELECT generate_series(1, 1000000000) AS g";
    /** The same, of a type read through JDBC rather than binary COPY. */
    static final String ENDLESS_INTERVALS =
            "SELECT generate_series(1, 1000000000) * interval '1 second' AS span";
    static FlightSqlServer server;
    static BufferAllocator allocator;
    /** 250 rows per result by its route; bytes by the service default (1,000,000 here). */
    static FlightSqlClient acme;
    /** 10,000 bytes per result by its route. */
    static FlightSqlClient globex;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(List.of(
                        Quotas.with(DB.addTenant("acme", 2), 0, 250, 0),
                        Quotas.with(DB.addTenant("globex", 2), 0, 0, 10_000)),
                Map.of("tollgate.flight.batch-rows", 100,
                        "tollgate.flight.default-quotas.max-result-bytes", 1_000_000));
        allocator = new RootAllocator();
        acme = server.client(allocator, server.token("r@acme", "acme", "reader"));
        globex = server.client(allocator, server.token("r@globex", "globex", "reader"));
    }

    @AfterAll
    static void stop() throws Exception {
        acme.close();
        globex.close();
        allocator.close();
        server.close();
    }

    /** The rows a client received, and the error the stream ended with (null: it ended normally). */
    record Received(long rows, FlightRuntimeException error) {
    }

    private static Received read(FlightSqlClient client, FlightInfo info) throws Exception {
        long rows = 0;
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket())) {
            while (stream.next()) {
                rows += stream.getRoot().getRowCount();
            }
            return new Received(rows, null);
        } catch (FlightRuntimeException e) {
            return new Received(rows, e);
        }
    }

    private static Received read(FlightSqlClient client, String sql) throws Exception {
        return read(client, client.execute(sql));
    }

    private static void assertExceeded(Received received, String message) {
        assertNotNull(received.error(), "the stream must end with an error, not quietly");
        assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, received.error().status().code());
        assertEquals(message, received.error().status().description());
    }

    private static long copyStreams() {
        return server.context().getBean(QueryService.class).copyStreams();
    }

    @Test
    void aResultOverItsRowQuotaEndsWithResourceExhaustedAndItsQueryStopsInPostgres() throws Exception {
        long copies = copyStreams();
        Received received = read(acme, ENDLESS);
        assertExceeded(received, "result exceeds 250 rows");
        assertEquals(200, received.rows(), "the batches within the quota, and not one row past it");
        assertEquals(copies + 1, copyStreams(), "read through binary COPY");
        BackendActivity.awaitStopped(DB, "acme", "generate_series(1, 1000000000)");

        assertEquals(new Received(250, null), read(acme, "SELECT g FROM generate_series(1, 250) g"),
                "a result of exactly the quota is whole");
    }

    @Test
    void theRowQuotaHoldsOnTheJdbcPathAndForPreparedQueries() throws Exception {
        long copies = copyStreams();
        Received intervals = read(acme, ENDLESS_INTERVALS);
        assertExceeded(intervals, "result exceeds 250 rows");
        // The JDBC path starts with a small batch and grows to batch-rows (16, 100, 100): every whole
        // batch within the quota arrives, the one that would cross it does not.
        assertEquals(216, intervals.rows());
        assertEquals(copies, copyStreams(), "intervals are not read through COPY");
        BackendActivity.awaitStopped(DB, "acme", "generate_series(1, 1000000000)");

        try (FlightSqlClient.PreparedStatement prepared =
                     acme.prepare("SELECT g FROM generate_series(1, ?::int) g")) {
            prepared.setParameters(Parameters.ints(allocator, 100, 100, 100));
            assertExceeded(read(acme, prepared.execute()), "result exceeds 250 rows");
            prepared.setParameters(Parameters.ints(allocator, 100, 150));
            assertEquals(new Received(250, null), read(acme, prepared.execute()),
                    "the quota counts the rows of every parameter row's result together");
        }
    }

    @Test
    void afterMoreOverQuotaResultsThanThePoolHasConnectionsQueriesStillWorkAndNoQueryMemoryIsLeft()
            throws Exception {
        for (int i = 0; i < 5; i++) {
            assertExceeded(read(acme, i % 2 == 0 ? ENDLESS : ENDLESS_INTERVALS),
                    "result exceeds 250 rows");
        }
        assertEquals(new Received(1, null), read(acme, "SELECT count(*) FROM generate_series(1, 10)"));
        BufferAllocator serverMemory = server.context().getBean(BufferAllocator.class);
        // A reader's result arrives before its transaction is closed, and its memory with it: soon after.
        // Below the root: one allocator per tenant, each with its queries' allocators below it.
        Await.until(() -> serverMemory.getChildAllocators().stream()
                        .allMatch(tenant -> tenant.getChildAllocators().isEmpty() && tenant.getAllocatedMemory() == 0),
                BackendActivity.WAIT, "no query's memory is still open");
    }

    @Test
    void aResultOverItsByteQuotaEndsWithResourceExhausted() throws Exception {
        // A batch of 100 bigints is 813 bytes of Arrow buffers (800 of values, 13 of validity).
        Received received = read(globex, "SELECT g::bigint FROM generate_series(1, 100000) g");
        assertExceeded(received, "result exceeds 10000 bytes");
        assertEquals(1200, received.rows(), "12 batches fit in 10,000 bytes, the 13th would not");
        assertEquals(new Received(1000, null), read(globex, "SELECT g::bigint FROM generate_series(1, 1000) g"));
    }

    @Test
    void theServiceDefaultAppliesWhereTheRouteLeavesAQuotaAtZero() throws Exception {
        // 200 rows are within acme's own row quota; 2 MB are over the service's default byte quota.
        assertExceeded(read(acme, "SELECT repeat('x', 10000) FROM generate_series(1, 200)"),
                "result exceeds 1000000 bytes");
    }

    @Test
    void theJdbcDriverReportsTheQuotaAndItsConnectionKeepsWorking() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(server.token("r@acme", "acme",
                "reader"))); Statement statement = connection.createStatement()) {
            // The driver lets the stream's error out of ResultSet.next() as its (shaded) FlightRuntimeException.
            Exception refused = assertThrows(Exception.class, () -> {
                try (ResultSet rows = statement.executeQuery(ENDLESS)) {
                    while (rows.next()) {
                        rows.getLong(1);
                    }
                }
            });
            assertTrue(messages(refused).contains("result exceeds 250 rows"), messages(refused));
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM generate_series(1, 250)")) {
                assertTrue(rows.next());
                assertEquals(250, rows.getLong(1));
            }
        }
        assertNull(read(acme, "SELECT 1").error());
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable e = error; e != null; e = e.getCause()) {
            all.append(e.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
