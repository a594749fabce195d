package io.tollgate.flight.sql;

import io.tollgate.flight.support.BackendActivity;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CancelFlightInfo with arrow-java's FlightSqlClient. */
class FlightSqlCancelTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static FlightSqlClient acme;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(List.of(DB.addTenant("acme", 4), DB.addTenant("globex", 4)));
        acme = server.client(server.token("w@acme", "acme", "writer"));
    }

    @AfterAll
    static void stop() {
        server.close(); // and its clients
    }

    @Test
    void cancellingARunningQueryStopsItInPostgres() throws Exception {
        FlightInfo info = acme.execute("SELECT pg_sleep(30) AS slept");
        CompletableFuture<Results> running = CompletableFuture.supplyAsync(() -> {
            try {
                return Results.read(acme, info);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        awaitSleeping(true);
        long started = System.nanoTime();
        assertEquals(CancelStatus.CANCELLED, acme.cancelFlightInfo(new CancelFlightInfoRequest(info)).getStatus());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
        FlightRuntimeException cancelled = assertInstanceOf(FlightRuntimeException.class, failed.getCause().getCause());
        assertEquals(FlightStatusCode.CANCELLED, cancelled.status().code());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 10);
        awaitSleeping(false);
    }

    @Test
    void aQueryThatIsNotRunningIsNotCancellable() throws Exception {
        FlightInfo info = acme.execute("SELECT 1");
        assertEquals(CancelStatus.NOT_CANCELLABLE, acme.cancelFlightInfo(new CancelFlightInfoRequest(info)).getStatus());
        Results.read(acme, info);
        assertEquals(CancelStatus.NOT_CANCELLABLE, acme.cancelFlightInfo(new CancelFlightInfoRequest(info)).getStatus());
    }

    @Test
    void onlyTheQuerysOwnerCanCancelIt() throws Exception {
        FlightInfo info = acme.execute("SELECT 1");
        FlightSqlClient globex = server.client(server.token("w@globex", "globex", "writer"));
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                () -> globex.cancelFlightInfo(new CancelFlightInfoRequest(info)));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code());
    }

    /** Waits until a pg_sleep of the tenant's role is (or is no longer) executing. */
    private static void awaitSleeping(boolean sleeping) {
        Await.until(() -> BackendActivity.running(DB, "acme", "pg_sleep(30)") == sleeping, BackendActivity.WAIT,
                "pg_sleep " + (sleeping ? "started" : "stopped"));
    }
}
