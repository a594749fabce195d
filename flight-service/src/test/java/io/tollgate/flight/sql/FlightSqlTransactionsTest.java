package io.tollgate.flight.sql;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Parameters;
import io.tollgate.flight.support.Parameters.Row;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.flight.transaction.TransactionRegistry;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import java.time.Duration;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flight SQL transactions: a transaction holds one tenant connection on the replica that began
 * it; its id is signed and names tenant, subject and replica.
 */
class FlightSqlTransactionsTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static FlightSqlServer otherReplica;
    static BufferAllocator allocator;
    static FlightSqlClient acme;

    @BeforeAll
    static void start() throws Exception {
        Tenant acmeTenant = DB.addTenant("acme", 4);
        Tenant globexTenant = DB.addTenant("globex", 4);
        DB.executeAs("acme", "CREATE TABLE ledger (id int PRIMARY KEY, entry text)");
        server = FlightSqlServer.start(List.of(acmeTenant, globexTenant));
        otherReplica = FlightSqlServer.start(List.of(acmeTenant, globexTenant));
        allocator = new RootAllocator();
        acme = server.client(allocator, server.token("w@acme", "acme", "writer"));
    }

    @AfterAll
    static void stop() throws Exception {
        acme.close();
        allocator.close();
        otherReplica.close();
        server.close();
    }

    @Test
    void committedWorkIsVisibleAfterwardsAndRolledBackWorkIsNot() throws Exception {
        Transaction kept = acme.beginTransaction();
        assertEquals(1, acme.executeUpdate("INSERT INTO ledger VALUES (1, 'kept')", kept));
        Transaction dropped = acme.beginTransaction();
        assertEquals(1, acme.executeUpdate("INSERT INTO ledger VALUES (2, 'dropped')", dropped));
        assertEquals(List.of(), entries("id IN (1, 2)"), "nothing is visible before the end");
        acme.commit(kept);
        acme.rollback(dropped);
        assertEquals(List.of("kept"), entries("id IN (1, 2)"));
    }

    @Test
    void everyKindOfStatementCarryingTheTransactionIdSeesItsUncommittedWork() throws Exception {
        Transaction transaction = acme.beginTransaction();
        acme.executeUpdate("INSERT INTO ledger VALUES (10, 'ten')", transaction);
        try (FlightSqlClient.PreparedStatement insert = acme.prepare("INSERT INTO ledger VALUES (?, ?)", transaction)) {
            insert.setParameters(Parameters.intAndText(allocator, new Row(11, "eleven")));
            assertEquals(1, insert.executeUpdate());
        }
        assertEquals(List.of("ten", "eleven"), Results.read(acme,
                acme.execute("SELECT entry FROM ledger WHERE id >= 10 ORDER BY id", transaction)).column(0));
        try (FlightSqlClient.PreparedStatement query =
                     acme.prepare("SELECT entry FROM ledger WHERE id = ?", transaction)) {
            query.setParameters(Parameters.ints(allocator, 11));
            assertEquals(List.of("eleven"), Results.read(acme, query.execute()).column(0));
        }
        assertEquals(List.of(), Results.read(acme,
                acme.execute("SELECT entry FROM ledger WHERE id >= 10")).column(0), "outside: not yet");
        acme.rollback(transaction);
        assertEquals(List.of(), entries("id >= 10"));
    }

    @Test
    void aTransactionIdOfAnotherTenantOrSubjectIsRefusedAndTheTransactionStaysItsOwners() throws Exception {
        Transaction transaction = acme.beginTransaction();
        acme.executeUpdate("INSERT INTO ledger VALUES (20, 'mine')", transaction);
        for (String[] stranger : List.of(new String[] {"w@globex", "globex"}, new String[] {"x@acme", "acme"})) {
            try (FlightSqlClient other = server.client(allocator, server.token(stranger[0], stranger[1], "writer"))) {
                for (Runnable use : List.<Runnable>of(
                        () -> other.executeUpdate("DELETE FROM ledger", transaction),
                        () -> other.execute("SELECT 1", transaction),
                        () -> other.rollback(transaction))) {
                    FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, use::run);
                    assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code());
                    assertEquals("invalid transaction id", refused.status().description());
                }
            }
        }
        acme.commit(transaction);
        assertEquals(List.of("mine"), entries("id = 20"));
    }

    @Test
    void aForgedOrEndedTransactionIdIsRefused() {
        FlightRuntimeException forged = assertThrows(FlightRuntimeException.class,
                () -> acme.executeUpdate("DELETE FROM ledger", new Transaction("made-up".getBytes())));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, forged.status().code());

        Transaction ended = acme.beginTransaction();
        acme.commit(ended);
        FlightRuntimeException gone = assertThrows(FlightRuntimeException.class, () -> acme.commit(ended));
        assertEquals(FlightStatusCode.NOT_FOUND, gone.status().code());
    }

    @Test
    void aTransactionIdPresentedToAnotherReplicaIsRefusedClearly() throws Exception {
        Transaction transaction = acme.beginTransaction();
        try (FlightSqlClient elsewhere = otherReplica.client(allocator, otherReplica.token("w@acme", "acme", "writer"))) {
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> elsewhere.executeUpdate("INSERT INTO ledger VALUES (30, 'x')", transaction));
            assertEquals(FlightStatusCode.NOT_FOUND, refused.status().code());
            assertTrue(refused.status().description().contains("another replica"), refused.status().description());
        }
        acme.rollback(transaction);
    }

    @Test
    void aReadersTransactionIsReadOnly() throws Exception {
        try (FlightSqlClient reader = server.client(allocator, server.token("r@acme", "acme", "reader"))) {
            Transaction transaction = reader.beginTransaction();
            assertEquals(1, Results.read(reader, reader.execute("SELECT 1", transaction)).rows().size());
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> reader.executeUpdate("INSERT INTO ledger VALUES (40, 'x')", transaction));
            assertEquals(FlightStatusCode.UNAUTHORIZED, refused.status().code());
            reader.rollback(transaction);
        }
    }

    @Test
    void anIdleTransactionIsRolledBackAndItsIdThenUnknown() throws Exception {
        Tenant acmeTenant = DB.addTenant("idle", 2);
        DB.executeAs("idle", "CREATE TABLE t (id int)");
        try (FlightSqlServer impatient = FlightSqlServer.start(List.of(acmeTenant),
                Map.of("tollgate.flight.transactions.idle-timeout", "300ms"));
             FlightSqlClient client = impatient.client(allocator, impatient.token("w@idle", "idle", "writer"))) {
            Transaction transaction = client.beginTransaction();
            client.executeUpdate("INSERT INTO t VALUES (1)", transaction);
            TransactionRegistry registry = impatient.context().getBean(TransactionRegistry.class);
            Await.until(() -> registry.size() == 0, Duration.ofSeconds(5), "the idle transaction was rolled back");
            FlightRuntimeException gone = assertThrows(FlightRuntimeException.class,
                    () -> client.execute("SELECT 1", transaction));
            assertEquals(FlightStatusCode.NOT_FOUND, gone.status().code());
            assertEquals(List.of(), Results.read(client, client.execute("SELECT id FROM t")).rows());
        }
    }

    @Test
    void openTransactionsAreBoundedPerTenantByItsPool() throws Exception {
        Tenant small = DB.addTenant("small", 3);
        try (FlightSqlServer bounded = FlightSqlServer.start(List.of(small));
             FlightSqlClient client = bounded.client(allocator, bounded.token("w@small", "small", "writer"))) {
            Transaction first = client.beginTransaction();
            Transaction second = client.beginTransaction();
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, client::beginTransaction);
            assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, refused.status().code());
            assertEquals(1, Results.read(client, client.execute("SELECT 1")).rows().size(),
                    "one connection stays free for calls outside transactions");
            client.rollback(first);
            client.rollback(client.beginTransaction());
            client.rollback(second);
        }
    }

    @Test
    void aTransactionWhoseQueryFailedPartWayThroughCopyCanStillBeRolledBack() throws Exception {
        Transaction transaction = acme.beginTransaction();
        acme.executeUpdate("INSERT INTO ledger VALUES (40, 'lost')", transaction);
        // Integers stream through binary COPY; the division fails after the first rows were sent.
        FlightRuntimeException failed = assertThrows(FlightRuntimeException.class, () -> Results.read(acme,
                acme.execute("SELECT 100000 / (100000 - g) FROM generate_series(1, 200000) g", transaction)));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, failed.status().code());
        acme.rollback(transaction);
        assertEquals(List.of(), entries("id = 40"));
    }

    private static List<String> entries(String where) throws Exception {
        List<String> entries = new ArrayList<>();
        try (Connection c = DB.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT entry FROM acme.ledger WHERE " + where + " ORDER BY id")) {
            while (rs.next()) {
                entries.add(rs.getString(1));
            }
        }
        return entries;
    }
}
