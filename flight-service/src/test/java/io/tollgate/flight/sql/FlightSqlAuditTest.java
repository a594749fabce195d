package io.tollgate.flight.sql;

import io.tollgate.flight.support.BackendActivity;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.logs.AuditCapture;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every statement leaves one audit event, in auth-service's form; the text only where configured. */
class FlightSqlAuditTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static FlightSqlServer withText;
    static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        Tenant acme = DB.addTenant("acme", 4);
        DB.executeAs("acme", "CREATE TABLE notes (id int, body text)", "INSERT INTO notes VALUES (1, 'a'), (2, 'b')");
        server = FlightSqlServer.start(List.of(acme));
        withText = FlightSqlServer.start(List.of(acme), Map.of("tollgate.flight.audit.sql-text", "true"));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() throws Exception {
        allocator.close();
        withText.close();
        server.close();
    }

    @Test
    void queriesUpdatesAndRefusalsEachLeaveOneEventWithTheDigestButNotTheText() throws Exception {
        String query = "SELECT id FROM notes WHERE body <> 'secret literal'";
        try (AuditCapture audit = AuditCapture.start();
             FlightSqlClient writer = server.client(allocator, server.token("w@acme", "acme", "writer"))) {
            assertEquals(2, Results.read(writer, writer.execute(query)).rows().size());
            Await.until(() -> !audit.events("sql.query").isEmpty(), BackendActivity.WAIT, "the query's audit event");
            assertEquals(1, writer.executeUpdate("UPDATE notes SET body = 'c' WHERE id = 1"));
            assertThrows(FlightRuntimeException.class, () -> writer.executeUpdate("COMMIT; DELETE FROM notes"));

            List<String> queries = audit.events("sql.query");
            assertEquals(1, queries.size(), queries.toString());
            String read = queries.get(0);
            assertTrue(read.contains("tenant=acme subject=w@acme class=writer kind=query sql_sha256=" + sha256(query)
                    + " rows=2 "), read);
            assertTrue(read.contains(" outcome=ok reason=-"), read);
            assertFalse(read.contains("secret literal"), "no text unless configured: " + read);

            List<String> updates = audit.events("sql.update");
            assertEquals(2, updates.size(), updates.toString());
            assertTrue(updates.get(0).contains("kind=write") && updates.get(0).contains("rows=1 ")
                    && updates.get(0).contains("outcome=ok"), updates.get(0));
            assertTrue(updates.get(1).contains("outcome=refused reason=one-statement"), updates.get(1));
        }
    }

    @Test
    void theTextIsRecordedWhenConfigured() throws Exception {
        try (AuditCapture audit = AuditCapture.start();
             FlightSqlClient reader = withText.client(allocator, withText.token("r@acme", "acme", "reader"))) {
            Results.read(reader, reader.execute("SELECT \"id\"\nFROM notes"));
            // A reader's result is answered before its transaction closes; the event follows.
            Await.until(() -> !audit.events("sql.query").isEmpty(), BackendActivity.WAIT, "the query's audit event");
            String line = audit.events("sql.query").get(0);
            assertTrue(line.contains("class=reader") && line.endsWith("sql=\"SELECT \\\"id\\\"\\nFROM notes\""), line);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
