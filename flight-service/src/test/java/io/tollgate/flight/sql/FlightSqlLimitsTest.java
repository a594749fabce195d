package io.tollgate.flight.sql;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits the platform holds whatever the tenant's SQL does: the statement timeout is enforced
 * by the gateway even when code it cannot see lifts PostgreSQL's, and lock waits end at the
 * platform's lock timeout.
 */
class FlightSqlLimitsTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static FlightSqlClient admin;
    static FlightSqlClient bulkAdmin;
    static FlightSqlClient writer;

    @BeforeAll
    static void start() throws Exception {
        Tenant acme = DB.addTenant("acme", 4).toBuilder()
                .setQuotas(io.tollgate.proto.router.v1.Quotas.newBuilder().setStatementTimeoutMs(300))
                .build();
        DB.executeAs("acme", "CREATE TABLE ledger (id int PRIMARY KEY, entry text)",
                "INSERT INTO ledger VALUES (1, 'one')");
        // The row-size test reads 20 MiB; under a 300 ms timeout a busy machine would time it out.
        Tenant bulk = DB.addTenant("bulk", 4);
        server = FlightSqlServer.start(List.of(acme, bulk), Map.of(
                "tollgate.flight.limits.timeout-grace", "200ms",
                "tollgate.flight.limits.lock-timeout", "100ms",
                "tollgate.flight.limits.max-row-bytes", "4194304"));
        allocator = new RootAllocator();
        admin = server.client(allocator, server.token("a@acme", "acme", "tenant-admin"));
        writer = server.client(allocator, server.token("w@acme", "acme", "writer"));
        bulkAdmin = server.client(allocator, server.token("a@bulk", "bulk", "tenant-admin"));
    }

    @AfterAll
    static void stop() throws Exception {
        bulkAdmin.close();
        writer.close();
        admin.close();
        allocator.close();
        server.close();
    }

    @Test
    void postgresOwnTimeoutStopsAStatementThatRunsTooLong() {
        FlightRuntimeException stopped = assertThrows(FlightRuntimeException.class,
                () -> admin.executeUpdate("DO $$ BEGIN PERFORM pg_sleep(30); END $$"));
        assertEquals(FlightStatusCode.TIMED_OUT, stopped.status().code());
        assertTrue(stopped.status().description().startsWith("the tenant's statement timeout was reached"));
    }

    @Test
    void codeThatLiftsPostgresTimeoutForTheNextStatementIsStillStoppedByTheGateway() throws Exception {
        // PostgreSQL arms a statement's timer when it starts, so code can lift the timeout only for
        // the statements after it: in a client's transaction, the next one.
        Transaction transaction = admin.beginTransaction();
        admin.executeUpdate("DO $$ BEGIN EXECUTE 'SET LOCAL statement_timeout = 0'; END $$", transaction);
        FlightRuntimeException stopped = assertThrows(FlightRuntimeException.class,
                () -> admin.executeUpdate("DO $$ BEGIN PERFORM pg_sleep(30); END $$", transaction));
        assertEquals(FlightStatusCode.TIMED_OUT, stopped.status().code());
        assertEquals("the tenant's statement timeout was reached", stopped.status().description());
        assertThrows(FlightRuntimeException.class, () -> admin.commit(transaction),
                "the transaction's connection was discarded with the statement");
        assertEquals(1, Results.read(admin, admin.execute("SELECT 1")).rows().size(), "the tenant is served after");
    }

    @Test
    void aRowLargerThanTheRowLimitIsRefusedBeforeItIsInTheHeapAndLargerResultsStillStream() throws Exception {
        // bytea is read through JDBC, where the driver holds whole fetches.
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, () -> Results.read(bulkAdmin,
                bulkAdmin.execute("SELECT decode(repeat('ab', 5242880), 'hex') FROM generate_series(1, 16)")));
        assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, refused.status().code());
        assertTrue(refused.status().description().contains("tollgate.flight.limits.max-row-bytes"),
                refused.status().description());
        // 40 rows of 512 KiB: five times the row limit in all, in fetches that each fit it.
        Results wide = Results.read(bulkAdmin, bulkAdmin.execute(
                "SELECT g, decode(repeat('ab', 524288), 'hex') FROM generate_series(1, 40) g"));
        assertEquals(40, wide.rows().size());
        // The same for a client's transaction, whose statements share one connection.
        Transaction transaction = bulkAdmin.beginTransaction();
        for (int i = 0; i < 3; i++) {
            assertEquals(40, Results.read(bulkAdmin, bulkAdmin.execute(
                    "SELECT g, decode(repeat('ab', 524288), 'hex') FROM generate_series(1, 40) g", transaction))
                    .rows().size());
        }
        bulkAdmin.rollback(transaction);
    }

    @Test
    void aLockWaitEndsAtThePlatformsLockTimeout() throws Exception {
        Transaction holding = writer.beginTransaction();
        try {
            assertEquals(1, writer.executeUpdate("UPDATE ledger SET entry = 'held' WHERE id = 1", holding));
            FlightRuntimeException waited = assertThrows(FlightRuntimeException.class,
                    () -> admin.executeUpdate("UPDATE ledger SET entry = 'waiting' WHERE id = 1"));
            assertTrue(waited.status().description().startsWith("SQLSTATE 55P03"), waited.status().description());
        } finally {
            writer.rollback(holding);
        }
    }
}
