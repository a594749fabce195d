package io.tollgate.flight.sql;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a pooled connection carries from one caller to the next: nothing of another subject's. With
 * a pool of one connection, every call of both subjects shares one PostgreSQL session.
 */
class FlightSqlSessionStateTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        Tenant acme = DB.addTenant("acme", 1);
        DB.executeAs("acme", "CREATE TABLE notes (id int, body text)", "INSERT INTO notes VALUES (1, 'a')");
        server = FlightSqlServer.start(List.of(acme));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() throws Exception {
        allocator.close();
        server.close();
    }

    @Test
    void anotherSubjectsServerSideStatementsAreGoneButACallersOwnAreKeptForItsNextCall() throws Exception {
        try (FlightSqlClient first = server.client(allocator, server.token("one@acme", "acme", "writer"));
             FlightSqlClient second = server.client(allocator, server.token("two@acme", "acme", "writer"))) {
            // json is read through JDBC (not binary COPY), so the driver prepares it on the server.
            String secret = "SELECT to_json(body) AS j FROM notes WHERE body <> 'first subject''s literal'";
            try (FlightSqlClient.PreparedStatement prepared = first.prepare(secret)) {
                // The driver names a statement on the server from its fifth execution on.
                for (int i = 0; i < 6; i++) {
                    Results.read(first, prepared.execute());
                }
            }
            // Built so that the probe's own text (which the driver may prepare too) does not match it.
            String seen = "SELECT count(*) > 0 FROM pg_prepared_statements "
                    + "WHERE statement LIKE '%' || 'first sub' || 'ject%'";
            assertEquals(List.of(List.of(true)), Results.read(first, first.execute(seen)).rows(),
                    "the first subject's own statement is still prepared for it");
            assertEquals(List.of(List.of(false)), Results.read(second, second.execute(seen)).rows(),
                    "the second subject neither sees nor can run the first one's statement");
            assertEquals(List.of(List.of(false)), Results.read(first, first.execute(seen)).rows(),
                    "and once someone else had the connection, it is gone for the first subject too");
        }
    }
}
