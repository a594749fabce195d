package io.tollgate.e2e;

import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.SharedPostgres;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.ServiceProcess;
import io.tollgate.testkit.suite.Suite;
import io.tollgate.testkit.suite.SuitePorts;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * SIGTERM, as Kubernetes sends it, makes each service drain: new work is refused at once, the work
 * in flight (a Flight SQL result stream, a catalog request) is finished and answered, and the
 * process exits 0 within its drain period — router-service and auth-service too, though other
 * services hold watch streams on them that never end by themselves.
 * <p>
 * The work in flight is held deterministically by a lock the test takes in PostgreSQL, and
 * released once the refusal of new work has been seen. One suite serves the whole class; each test
 * stops one service, in an order where no test needs a service an earlier one stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulShutdownIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    /** The drain periods the services are configured with (their application.yml). */
    private static final Duration FLIGHT_DRAIN = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** Beyond the drain period: the JVM's own exit after the drain. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path state;
    static Suite suite;
    static RootAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        // The query held by the test's lock must outwait it: flight-service's lock_timeout (5 s by
        // default) would otherwise end it first.
        suite = Suite.start(Path.of(System.getProperty("tollgate.root")), state, SharedPostgres.get(), false,
                SuitePorts.any(), Suite.uniqueSuffix(),
                Map.of("flight-service", Map.of("TOLLGATE_FLIGHT_LIMITS_LOCK_TIMEOUT", "120s")));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
        if (allocator != null) {
            allocator.close();
        }
    }

    @Test
    @Order(1)
    void aResultStreamInFlightWhenFlightServiceIsTerminatedFinishesAndNewCallsAreRefused() throws Exception {
        CredentialCallOption bearer = new CredentialCallOption(new BearerCredentialWriter(
                new FlightJdbc(suite).token(FlightJdbc.account(ACME, "reader"))));
        String database = suite.databaseOf(ACME);
        long rows = count(database, "SELECT count(*) FROM orders");
        ServiceProcess flightService = suite.service("flight-service");
        try (FlightSqlClient client = flightClient();
             Connection locker = suite.postgres().connect(database)) {
            // Planned before the lock: the statement runs in DoGet, which the lock then holds in flight.
            FlightInfo info = client.execute("SELECT count(*) FROM orders", bearer);
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Long> streamed = CompletableFuture.supplyAsync(() -> readCount(client, info, bearer));
            Await.until(() -> waitingOnLock(database), WAIT, "the query's result stream waits on the test's lock");

            flightService.terminate();
            Await.until(() -> flightRefuses(bearer), WAIT, "flight-service refuses new calls once terminated");
            assertFalse(streamed.isDone(), "the result stream is still in flight");

            locker.commit();
            assertEquals(rows, streamed.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                    "the result stream in flight finished, with the whole result");
        }
        assertEquals(0, flightService.awaitExit(FLIGHT_DRAIN.plus(EXIT_MARGIN)),
                "flight-service exits 0 after draining\n" + flightService.tail());
    }

    @Test
    @Order(2)
    void aCatalogRequestInFlightWhenCatalogServiceIsTerminatedIsAnsweredAndNewConnectionsAreRefused()
            throws Exception {
        String token = new AuthHttp(suite).accessToken(FlightJdbc.account(ACME, "reader"), "catalog");
        URI namespaces = URI.create(suite.catalogUri() + "/v1/" + ACME.warehouseName() + "/namespaces");
        assertEquals(200, catalogGet(namespaces, token).statusCode(), "the catalog answers before the test");
        ServiceProcess catalogService = suite.service("catalog-service");
        String database = suite.servicesDatabase();
        try (Connection locker = suite.postgres().connect(database)) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE catalog.iceberg_tables, catalog.iceberg_namespace_properties"
                        + " IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Integer> answered = CompletableFuture.supplyAsync(
                    () -> catalogGet(namespaces, token).statusCode());
            Await.until(() -> waitingOnLock(database), WAIT, "the catalog request waits on the test's lock");

            catalogService.terminate();
            Await.until(() -> catalogRefusesConnections(), WAIT, "catalog-service refuses new connections once terminated");
            assertFalse(answered.isDone(), "the catalog request is still in flight");

            locker.commit();
            assertEquals(200, answered.get(WAIT.toSeconds(), TimeUnit.SECONDS), "the request in flight is answered");
        }
        assertEquals(0, catalogService.awaitExit(DRAIN.plus(EXIT_MARGIN)),
                "catalog-service exits 0 after draining\n" + catalogService.tail());
    }

    @Test
    @Order(3)
    void routerServiceExitsCleanlyThoughAuthServiceWatchesIt() throws Exception {
        // auth-service holds a WatchTenants stream, which never ends by itself: the drain cuts it
        // once the calls in flight are done (auth reconnects to another replica), rather than
        // waiting the whole drain period and cutting it as unfinished work.
        ServiceProcess router = suite.service("router-service");
        router.terminate();
        assertEquals(0, router.awaitExit(DRAIN.plus(EXIT_MARGIN)), "router-service exits 0\n" + router.tail());
    }

    @Test
    @Order(4)
    void authServiceExitsCleanly() throws Exception {
        ServiceProcess auth = suite.service("auth-service");
        auth.terminate();
        assertEquals(0, auth.awaitExit(DRAIN.plus(EXIT_MARGIN)), "auth-service exits 0\n" + auth.tail());
    }

    private static FlightSqlClient flightClient() {
        return new FlightSqlClient(FlightClient.builder(allocator,
                Location.forGrpcInsecure("localhost", suite.ports().flight())).build());
    }

    private static long readCount(FlightSqlClient client, FlightInfo info, CredentialCallOption bearer) {
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
            long count = -1;
            while (stream.next()) {
                if (stream.getRoot().getRowCount() > 0) {
                    count = ((BigIntVector) stream.getRoot().getVector(0)).get(0);
                }
            }
            return count;
        } catch (Exception e) {
            throw new IllegalStateException("the result stream failed", e);
        }
    }

    /** A new client's call: refused (UNAVAILABLE) once the endpoint stopped taking calls. */
    private static boolean flightRefuses(CredentialCallOption bearer) {
        try (FlightSqlClient fresh = flightClient()) {
            fresh.execute("SELECT 1", bearer);
            return false;
        } catch (FlightRuntimeException e) {
            return e.status().code() == FlightStatusCode.UNAVAILABLE;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean catalogRefusesConnections() {
        // A client of its own: a pooled connection would not show whether new ones are taken.
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            fresh.send(HttpRequest.newBuilder(URI.create(suite.catalogUri() + "/health/liveness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpResponse<String> catalogGet(URI uri, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the catalog request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether a session of this database waits for a lock (autocommit: a fresh view each time). */
    private static boolean waitingOnLock(String database) {
        try {
            return count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database
                    + "' AND wait_event_type = 'Lock'") > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection c = suite.postgres().connect(database);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
