package io.tollgate.flight.copy;

import io.tollgate.flight.statement.QueryService;
import io.tollgate.flight.support.BackendActivity;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queries whose columns can all be decoded exactly take the binary COPY path, others the ordinary
 * one, and both give the same rows through a real client; row-level isolation holds on both.
 */
class CopyPathTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static FlightSqlClient acme;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(List.of(DB.addTenant("acme", 4), DB.addTenant("globex", 4)));
        DB.execute(java.nio.file.Files.readString(java.nio.file.Path.of("../deploy/sql/shared-rls-setup.sql")),
                "SELECT tollgate.register_tenant_role('acme', '" + DB.role("acme") + "')",
                "SELECT tollgate.register_tenant_role('globex', '" + DB.role("globex") + "')");
        DB.execute("CREATE TABLE public.readings (tenant_id text NOT NULL, id bigint, v float8, label text, "
                        + "at timestamptz, amount numeric(10,2), ok bool, tag uuid)",
                "SELECT tollgate.protect('public.readings', 'tenant_id')",
                "GRANT USAGE ON SCHEMA public TO " + DB.role("acme") + ", " + DB.role("globex"),
                "GRANT SELECT ON public.readings TO " + DB.role("acme") + ", " + DB.role("globex"),
                "INSERT INTO public.readings VALUES ('acme', 1, 1.5, 'one', '2024-01-01 00:00:00+00', 10.25, true, gen_random_uuid()),"
                        + "('acme', 2, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + "('globex', 3, 9.9, 'secret', now(), 99.99, false, gen_random_uuid())");
        acme = server.client(server.token("r@acme", "acme", "reader"));
    }

    @AfterAll
    static void stop() {
        server.close(); // and its clients
    }

    private static long copyStreams() {
        return server.context().getBean(QueryService.class).copyStreams();
    }

    @Test
    void aQueryOfDecodableColumnsIsStreamedThroughCopyWithTheTenantsRowsOnly() throws Exception {
        long before = copyStreams();
        Results results = Results.read(acme, acme.execute(
                "SELECT id, v, label, at, amount, ok FROM public.readings ORDER BY id -- a trailing comment"));
        assertEquals(before + 1, copyStreams(), "the fast path was taken");
        assertEquals(2, results.rows().size(), "only acme's rows");
        assertEquals(List.of("one", "null"), results.column(2).stream().map(String::valueOf).toList());
        assertTrue(results.rows().stream().noneMatch(row -> row.toString().contains("secret")));
    }

    @Test
    void aQueryWithAColumnCopyCannotDecodeTakesTheOrdinaryPathWithTheSameRows() throws Exception {
        long before = copyStreams();
        Results withUuid = Results.read(acme, acme.execute("SELECT id, label, tag FROM public.readings ORDER BY id"));
        assertEquals(before, copyStreams(), "uuid has no exact decoder: the ordinary path");
        Results fast = Results.read(acme, acme.execute("SELECT id, label FROM public.readings ORDER BY id"));
        assertEquals(fast.column(1), withUuid.column(1));
        assertFalse(withUuid.rows().isEmpty());
    }

    /** Much more than gRPC's flow-control window holds: the stream is left part-way through. */
    private static final String LARGE = "SELECT g AS id, repeat('x', 200) AS filler FROM generate_series(1, 200000) g";

    @Test
    @Timeout(120)
    void aClientThatStopsReadingStopsTheCopyAndTheConnectionIsReused() throws Exception {
        long before = copyStreams();
        FlightInfo info = acme.execute(LARGE);
        try (FlightStream stream = acme.getStream(info.getEndpoints().get(0).getTicket())) {
            assertTrue(stream.next(), "a first batch arrives");
            stream.cancel("the client has seen enough", null);
        }
        assertEquals(before + 1, copyStreams(), "the fast path was taken");
        BackendActivity.awaitStopped(DB, "acme", "repeat('x', 200)");
        // More queries than acme's pool (4) has connections: none was lost to the abandoned COPY.
        for (int i = 0; i < 6; i++) {
            assertEquals(2, Results.read(acme, acme.execute("SELECT id, label FROM public.readings")).rows().size());
        }
    }

    @Test
    void onlyQueriesAreEligible() {
        assertTrue(CopyQueries.isQuery("  /* hi */ -- x\n (SELECT 1)"));
        assertTrue(CopyQueries.isQuery("WITH t AS (SELECT 1) SELECT * FROM t"));
        assertTrue(CopyQueries.isQuery("values (1)"));
        assertFalse(CopyQueries.isQuery("SHOW search_path"));
        assertFalse(CopyQueries.isQuery("EXPLAIN SELECT 1"));
        assertFalse(CopyQueries.isQuery("INSERT INTO t VALUES (1)"));
    }
}
