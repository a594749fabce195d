package io.tollgate.flight.sql;

import io.tollgate.flight.support.BackendActivity;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams whose client falls behind or goes away, with arrow-java's FlightSqlClient: the server
 * waits for a slow reader and resumes as soon as it reads again, and stops a query whose client left.
 */
class FlightSqlStreamingTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    /** 1,000 rows of 100 kB in batches of 100 (10 MB each): far more than gRPC buffers for a client. */
    static final String LARGE = "SELECT repeat('x', 100000) AS text FROM generate_series(1, 1000)";
    static FlightSqlServer server;
    static FlightSqlClient acme;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(List.of(DB.addTenant("acme", 2)), Map.of("tollgate.flight.batch-rows", 100));
        acme = server.client(server.token("r@acme", "acme", "reader"));
    }

    @AfterAll
    static void stop() {
        server.close(); // and its clients
    }

    @Test
    void aReaderThatPausesGetsEveryRowOnceItReadsAgain() throws Exception {
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
            try (FlightStream stream = acme.getStream(acme.execute(LARGE).getEndpoints().get(0).getTicket())) {
                assertTrue(stream.next());
                long rows = stream.getRoot().getRowCount();
                // Reads nothing for a while, so that the server has to wait for it.
                Thread.sleep(1000);
                while (stream.next()) {
                    rows += stream.getRoot().getRowCount();
                }
                return rows;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        // The bound only keeps a regression from hanging the build (the server used to sleep out a
        // five-minute wait, then leave the stream unfinished).
        assertEquals(1000, read.get(2, TimeUnit.MINUTES));
    }

    @Test
    void aClientThatLeavesAStreamStopsItsQueryInPostgres() throws Exception {
        FlightStream abandoned = acme.getStream(acme.execute(
                "SELECT pg_sleep(30) AS slept").getEndpoints().get(0).getTicket());
        Await.until(() -> BackendActivity.running(DB, "acme", "pg_sleep(30)"), BackendActivity.WAIT, "pg_sleep running");
        abandoned.cancel("the client leaves", null);
        try {
            abandoned.close();
        } catch (Exception expected) {
            // A cancelled stream may report its cancellation on close.
        }
        BackendActivity.awaitStopped(DB, "acme", "pg_sleep(30)");
    }
}
