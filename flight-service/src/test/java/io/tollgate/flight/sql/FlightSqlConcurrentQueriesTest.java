package io.tollgate.flight.sql;

import io.tollgate.flight.quota.ConcurrentQueries;
import io.tollgate.flight.support.BackendActivity;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Parameters;
import io.tollgate.flight.support.Parameters.Row;
import io.tollgate.flight.support.Quotas;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlClient.ExecuteIngestOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableExistsOption;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableNotExistOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The concurrent-query quota with arrow-java's FlightSqlClient: what it refuses, that it follows
 * route changes, and that every way a statement can end gives its permit back. A query is held
 * running by a table lock the test takes in PostgreSQL, so nothing here depends on timing.
 */
class FlightSqlConcurrentQueriesTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static final String GATED = "SELECT id FROM gate";
    static final String REFUSED_ONE = "too many concurrent queries: the tenant may run 1 at a time; "
            + "retry when one has finished";
    static Tenant hooliRoute;
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static FlightSqlClient acme;
    static FlightSqlClient initech;
    static FlightSqlClient hooli;
    static FlightSqlClient umbrella;

    @BeforeAll
    static void start() throws Exception {
        List<Tenant> tenants = new ArrayList<>();
        tenants.add(DB.addTenant("acme", 3));
        tenants.add(Quotas.with(DB.addTenant("initech", 3), 1, 0, 0));
        hooliRoute = Quotas.with(DB.addTenant("hooli", 3), 1, 0, 0);
        tenants.add(hooliRoute);
        tenants.add(Quotas.with(DB.addTenant("umbrella", 2), 1, 1000, 0));
        tenants.add(Quotas.with(DB.addTenant("stark", 1), 1, 0, 0));
        for (Tenant tenant : tenants) {
            DB.executeAs(tenant.getId(), "CREATE TABLE gate (id int)", "INSERT INTO gate VALUES (1)",
                    "CREATE TABLE notes (id int PRIMARY KEY, text text)");
        }
        server = FlightSqlServer.start(tenants, Map.of("tollgate.flight.batch-rows", 100));
        allocator = new RootAllocator();
        acme = server.client(allocator, server.token("w@acme", "acme", "writer"));
        initech = server.client(allocator, server.token("w@initech", "initech", "writer"));
        hooli = server.client(allocator, server.token("w@hooli", "hooli", "writer"));
        umbrella = server.client(allocator, server.token("w@umbrella", "umbrella", "writer"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (FlightSqlClient client : List.of(acme, initech, hooli, umbrella)) {
            client.close();
        }
        allocator.close();
        server.close();
    }

    /**
     * A lock on a tenant's {@code gate} table, held by the test: queries of the table wait behind it
     * inside PostgreSQL, each holding its permit, until the gate opens.
     */
    static final class Gate implements AutoCloseable {
        private final String tenantId;
        private final Connection lock;
        private final List<CompletableFuture<Results>> queued = new ArrayList<>();

        Gate(String tenantId) throws Exception {
            this.tenantId = tenantId;
            lock = DB.database().connect();
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE " + tenantId + ".gate IN ACCESS EXCLUSIVE MODE");
            }
        }

        /** Runs a query (described before the gate closed) that waits behind the lock; returns once it does. */
        CompletableFuture<Results> queue(FlightSqlClient client, FlightInfo gated) throws Exception {
            CompletableFuture<Results> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return Results.read(client, gated);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            queued.add(result);
            BackendActivity.awaitWaitingForLock(DB, tenantId, queued.size());
            return result;
        }

        /** Releases the lock: the queued queries run on. */
        void open() throws Exception {
            if (!lock.isClosed()) {
                lock.rollback();
                lock.close();
            }
        }

        @Override
        public void close() throws Exception {
            open();
        }
    }

    private static void assertRefused(String message, Executable statement) {
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, statement);
        assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, refused.status().code());
        assertEquals(message, refused.status().description());
    }

    private static void assertFails(FlightStatusCode code, Executable statement) {
        assertEquals(code, assertThrows(FlightRuntimeException.class, statement).status().code());
    }

    private static int running(String tenantId) {
        return server.context().getBean(ConcurrentQueries.class).running(tenantId);
    }

    /** A statement of the tenant is admitted: its one permit is free. */
    private static void assertAdmitted(FlightSqlClient client) throws Exception {
        assertEquals(List.of("1"), Results.read(client, client.execute(GATED)).column(0));
    }

    private static ExecuteIngestOptions ingestInto(String table, TableExistsOption ifExists) {
        return new ExecuteIngestOptions(table, TableDefinitionOptions.newBuilder()
                .setIfNotExist(TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE).setIfExists(ifExists).build(),
                false, null, null, Map.of());
    }

    @Test
    void aTenantRunningItsQuotaIsRefusedEveryKindOfStatementAndOtherTenantsAreNot() throws Exception {
        FlightInfo gated = initech.execute(GATED);
        try (Gate gate = new Gate("initech")) {
            CompletableFuture<Results> held = gate.queue(initech, gated);

            assertRefused(REFUSED_ONE, () -> Results.read(initech, initech.execute("SELECT 1")));
            assertRefused(REFUSED_ONE, () -> initech.executeUpdate("UPDATE notes SET text = text"));
            try (FlightSqlClient.PreparedStatement query = initech.prepare("SELECT ?::int AS n");
                 VectorSchemaRoot parameters = Parameters.ints(allocator, 7)) {
                query.setParameters(parameters);
                assertRefused(REFUSED_ONE, () -> Results.read(initech, query.execute()));
            }
            try (FlightSqlClient.PreparedStatement insert = initech.prepare("INSERT INTO notes VALUES (?, ?)");
                 VectorSchemaRoot parameters = Parameters.intAndText(allocator, new Row(1, "a"))) {
                insert.setParameters(parameters);
                assertRefused(REFUSED_ONE, insert::executeUpdate);
            }
            try (VectorSchemaRoot rows = Parameters.intAndText(allocator, new Row(1, "a"))) {
                assertRefused(REFUSED_ONE, () -> initech.executeIngest(rows,
                        ingestInto("loaded", TableExistsOption.TABLE_EXISTS_OPTION_FAIL)));
            }
            assertEquals(List.of("1"), Results.read(acme, acme.execute(GATED)).column(0),
                    "another tenant's quota is its own");
            assertEquals(1, running("initech"));

            gate.open();
            assertEquals(List.of("1"), held.get(30, TimeUnit.SECONDS).column(0), "the held query was never disturbed");
        }
        assertEquals(0, running("initech"));
        assertAdmitted(initech);
        assertEquals(List.of("0"), Results.read(initech, initech.execute("SELECT count(*) FROM notes")).column(0),
                "no refused statement ran");
    }

    @Test
    void aReaderIsAnsweredBeforeItsTransactionClosesYetItsNextStatementIsNeverRefused() throws Exception {
        // One statement at a time and one connection: a reader's result is complete before its
        // read-only transaction is committed, so the permit must already be back when the client
        // sees the end, and the next statement waits for the connection rather than being refused.
        try (FlightSqlClient reader = server.client(allocator, server.token("r@stark", "stark", "reader"))) {
            for (int i = 0; i < 50; i++) {
                assertEquals(List.of("1"), Results.read(reader, reader.execute(GATED)).column(0));
            }
            try (FlightSqlClient.PreparedStatement prepared = reader.prepare(GATED)) {
                for (int i = 0; i < 50; i++) {
                    assertEquals(List.of("1"), Results.read(reader, prepared.execute()).column(0));
                }
            }
        }
        BackendActivity.awaitAllIdle(DB, "stark");
        assertEquals(0, running("stark"));
    }

    @Test
    void aNewRevisionsLimitAppliesToTheNextStatementWhileRunningOnesContinue() throws Exception {
        FlightInfo first = hooli.execute(GATED);
        FlightInfo second = hooli.execute(GATED);
        FlightInfo third = hooli.execute(GATED);
        try (Gate gate = new Gate("hooli")) {
            CompletableFuture<Results> a = gate.queue(hooli, first);
            assertRefused(REFUSED_ONE, () -> Results.read(hooli, third));

            server.publish(Quotas.with(hooliRoute, 2, 0, 0));
            CompletableFuture<Results> b = gate.queue(hooli, second);
            assertRefused("too many concurrent queries: the tenant may run 2 at a time; retry when one has finished",
                    () -> Results.read(hooli, third));

            gate.open();
            assertEquals(List.of("1"), a.get(30, TimeUnit.SECONDS).column(0),
                    "the query admitted under the old revision ran to its end");
            assertEquals(List.of("1"), b.get(30, TimeUnit.SECONDS).column(0));
        }
        assertEquals(List.of("1"), Results.read(hooli, third).column(0));
        assertEquals(0, running("hooli"));
    }

    @Test
    void everyKindOfFailureGivesThePermitBack() throws Exception {
        // umbrella may run one statement at a time: each failure below would lock it out if it kept its permit.
        assertFails(FlightStatusCode.INVALID_ARGUMENT,
                () -> Results.read(umbrella, umbrella.execute("SELECT 1 / (id - id) FROM gate")));
        assertAdmitted(umbrella);
        assertFails(FlightStatusCode.INVALID_ARGUMENT,
                () -> Results.read(umbrella, umbrella.execute("SELECT interval '1 day' / (id - id) FROM gate")));
        assertAdmitted(umbrella);
        assertFails(FlightStatusCode.INVALID_ARGUMENT,
                () -> umbrella.executeUpdate("INSERT INTO notes VALUES (1, 'a'), (1, 'b')"));
        assertAdmitted(umbrella);
        try (FlightSqlClient.PreparedStatement insert = umbrella.prepare("INSERT INTO notes VALUES (?, ?)");
             VectorSchemaRoot parameters = Parameters.intAndText(allocator, new Row(2, "a"), new Row(2, "b"))) {
            insert.setParameters(parameters);
            assertFails(FlightStatusCode.INVALID_ARGUMENT, insert::executeUpdate);
        }
        assertAdmitted(umbrella);
        try (VectorSchemaRoot rows = Parameters.intAndText(allocator, new Row(3, "a"))) {
            assertFails(FlightStatusCode.ALREADY_EXISTS,
                    () -> umbrella.executeIngest(rows, ingestInto("notes", TableExistsOption.TABLE_EXISTS_OPTION_FAIL)));
        }
        assertAdmitted(umbrella);
        assertRefused("result exceeds 1000 rows",
                () -> Results.read(umbrella, umbrella.execute("SELECT generate_series(1, 1000000000)")));
        assertAdmitted(umbrella);
        FlightSqlClient.Transaction transaction = umbrella.beginTransaction();
        assertFails(FlightStatusCode.INVALID_ARGUMENT,
                () -> Results.read(umbrella, umbrella.execute("SELECT 1 / (id - id) FROM gate", transaction)));
        umbrella.rollback(transaction);
        assertAdmitted(umbrella);
        assertEquals(0, running("umbrella"));
    }

    @Test
    void aCancelOrAClientThatLeavesGivesThePermitBack() throws Exception {
        // Cancelled by the server at the client's request: the stream ends with CANCELLED.
        FlightInfo sleeping = umbrella.execute("SELECT pg_sleep(30)");
        CompletableFuture<Results> cancelled = CompletableFuture.supplyAsync(() -> {
            try {
                return Results.read(umbrella, sleeping);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Await.until(() -> BackendActivity.running(DB, "umbrella", "pg_sleep(30)"), BackendActivity.WAIT, "pg_sleep running");
        assertEquals(CancelStatus.CANCELLED, umbrella.cancelFlightInfo(new CancelFlightInfoRequest(sleeping)).getStatus());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> cancelled.get(30, TimeUnit.SECONDS));
        assertEquals(FlightStatusCode.CANCELLED,
                assertInstanceOf(FlightRuntimeException.class, failed.getCause()).status().code());
        assertAdmitted(umbrella);

        // The client drops a stream while PostgreSQL is still executing it.
        FlightStream waiting = umbrella.getStream(umbrella.execute("SELECT pg_sleep(30)").getEndpoints().get(0)
                .getTicket());
        Await.until(() -> BackendActivity.running(DB, "umbrella", "pg_sleep(30)"), BackendActivity.WAIT, "pg_sleep running");
        waiting.cancel("the client leaves", null);
        closeQuietly(waiting);
        // The server learns of it asynchronously: wait for the permit, then use it.
        Await.until(() -> running("umbrella") == 0, BackendActivity.WAIT, "the dropped query's permit back");
        assertFalse(BackendActivity.running(DB, "umbrella", "pg_sleep(30)"), "the dropped query stopped in PostgreSQL");
        assertAdmitted(umbrella);

        // The client stops reading a large result (the server waits on backpressure), then leaves.
        FlightStream large = umbrella.getStream(umbrella.execute(
                "SELECT repeat('x', 100000) FROM generate_series(1, 1000)").getEndpoints().get(0).getTicket());
        assertTrue(large.next());
        large.cancel("the client leaves", null);
        closeQuietly(large);
        Await.until(() -> running("umbrella") == 0, BackendActivity.WAIT, "the abandoned query's permit back");
        assertAdmitted(umbrella);
    }

    private static void closeQuietly(FlightStream stream) {
        try {
            stream.close();
        } catch (Exception expected) {
            // A cancelled stream may report its cancellation on close.
        }
    }
}
