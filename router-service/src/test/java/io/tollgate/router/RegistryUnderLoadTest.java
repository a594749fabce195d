package io.tollgate.router;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ListTenantsRequest;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.router.service.watch.SubscriberHub;
import io.tollgate.router.support.AdminClient;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.Tenants;
import io.tollgate.router.support.Watcher;
import io.tollgate.testkit.await.Await;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry as the fan-out benchmark drives it, in one service: 100 WatchTenants subscribers,
 * readers over gRPC and REST, and admin writes one after another, on the configured pool.
 */
@MicronautTest(transactional = false)
class RegistryUnderLoadTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";
    private static final int WATCHERS = 100;
    private static final int WRITES = 200;
    private static final int READERS = 6;
    /** datasources.default.maximum-pool-size in application.yml. */
    private static final int POOL_SIZE = 10;
    /** The one error policy's 500: the problem's fields, and a detail that is only an incident's reference. */
    private static final Map<String, Object> GENERIC_500 = Map.of(
            "type", "about:blank", "title", "Internal Server Error", "status", 500);
    private static final Pattern GENERIC_DETAIL = Pattern.compile("internal error \\(ref [0-9a-f]{16}\\)");

    @Inject
    DataSource dataSource;

    @Inject
    SubscriberHub hub;

    private AdminClient client;

    /** One client for the whole class: each {@link #admin()} signs a token and starts an HTTP client. */
    private synchronized AdminClient client() {
        if (client == null) {
            client = admin();
        }
        return client;
    }

    @Test
    void watchersReadersAndWritersShareTheBoundedPoolAndOpenWatchersHoldNoConnection() throws Exception {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        assertEquals(POOL_SIZE, hikari.getMaximumPoolSize(), "the pool is sized in application.yml");
        ensureTenants();
        List<Watcher> watchers = openWatchers();
        AtomicInteger mostConnections = new AtomicInteger();
        try (Load load = new Load(false)) {
            load.run(() -> mostConnections.accumulateAndGet(pool.getTotalConnections(), Math::max));
            load.churnWatchers();

            long last = 0;
            List<Response> failed = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                Response response = write(i);
                if (response.status() == 200) {
                    last = revision(response);
                } else {
                    failed.add(response);
                }
            }

            assertEquals(List.of(), load.stop(), "reads and watch opens under load");
            assertEquals(List.of(), failed, "admin writes under load");
            assertTrue(mostConnections.get() <= POOL_SIZE, () -> mostConnections + " connections");
            awaitWatchersAt(watchers, last);
            Await.until(() -> hub.size() == WATCHERS, Duration.ofSeconds(10), "the hub serves exactly the open watchers");
            // A hundred open watchers, nothing else under way: no connection is in use (the poller
            // takes one for each poll, a moment every 100 ms).
            Await.until(() -> pool.getActiveConnections() == 0, Duration.ofSeconds(10), "no connection in use with " + WATCHERS + " watchers open");
        } finally {
            watchers.forEach(Watcher::close);
        }
    }

    /**
     * What the benchmark hit: the database ends connections under load (PostgreSQL shutting down,
     * an operator's pg_terminate_backend). Writes that were using one fail with a generic 500 and
     * are logged with their stacks; the watchers keep their streams; once the connections are
     * back, writes succeed and every watcher reaches the last revision.
     */
    @Test
    void connectionsEndedUnderLoadFailWritesWithAGeneric500AndTheRegistryRecovers() throws Exception {
        ensureTenants();
        List<Watcher> watchers = openWatchers();
        List<Response> failedWrites = Collections.synchronizedList(new ArrayList<>());
        AtomicLong last = new AtomicLong();
        try (Load load = new Load(true); CapturedLogs logs = new CapturedLogs(); Connection superuser = db.connect()) {
            load.run(() -> {
            });
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<?> writer = load.threads.submit(() -> {
                for (int i = 0; writing.get(); i++) {
                    Response response = write(i);
                    if (response.status() == 200) {
                        last.set(revision(response));
                    } else {
                        failedWrites.add(response);
                    }
                }
            });

            // Until a write was using a connection when it ended (the writer never pauses).
            Await.until(() -> {
                endRouterConnections(superuser);
                return !failedWrites.isEmpty();
            }, Duration.ofSeconds(20), "a write was using a connection when it ended");
            writing.set(false);
            writer.get(30, TimeUnit.SECONDS);
            List<String> readFailures = load.stop();

            assertFalse(failedWrites.isEmpty(), "no write was using a connection when it ended");
            for (Response failed : List.copyOf(failedWrites)) {
                assertEquals(500, failed.status(), failed::toString);
                assertTrue(isGeneric500(failed.json()), failed::toString);
            }
            assertEquals(List.of(), readFailures, "reads fail only with generic errors");
            long loggedWithStack = logs.events().stream()
                    .filter(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null)
                    .filter(e -> e.getLoggerName().equals("io.tollgate.incident"))
                    .count();
            assertTrue(loggedWithStack >= failedWrites.size(), () -> loggedWithStack + " logged, "
                    + failedWrites.size() + " failed");
        }

        // Idle a moment, so that the pool checks every connection before handing it out again.
        Thread.sleep(1_000);
        for (int i = 0; i < 20; i++) {
            Response response = write(i);
            assertEquals(200, response.status(), response::toString);
            last.set(revision(response));
        }
        try {
            awaitWatchersAt(watchers, last.get());
            assertEquals(WATCHERS, hub.size(), "no watcher was dropped");
        } finally {
            watchers.forEach(Watcher::close);
        }
    }

    private static boolean isGeneric500(Map<String, Object> problem) {
        Map<String, Object> rest = new HashMap<>(problem);
        Object detail = rest.remove("detail");
        return GENERIC_500.equals(rest) && detail instanceof String text && GENERIC_DETAIL.matcher(text).matches();
    }

    private void ensureTenants() {
        for (String id : List.of("busy", "quiet")) {
            if (client().get(PATH + "/" + id).status() == 404) {
                assertEquals(201, client().post(PATH, Tenants.withPassword(id, "pw-" + id)).status());
            }
        }
    }

    private Response write(int i) {
        return client().post(PATH + "/busy/" + (i % 2 == 0 ? "suspend" : "resume"), null, "*");
    }

    private static long revision(Response response) {
        return Long.parseLong(response.etag().replace("\"", ""));
    }

    /** Opens the watchers all at once (their catch-ups compete for the pool); each gets its snapshot. */
    private List<Watcher> openWatchers() {
        List<Watcher> watchers = new ArrayList<>();
        for (int i = 0; i < WATCHERS; i++) {
            watchers.add(Watcher.open(channel(), 0));
        }
        for (Watcher watcher : watchers) {
            assertTrue(watcher.next().hasSnapshot());
        }
        return watchers;
    }

    private static void awaitWatchersAt(List<Watcher> watchers, long revision) {
        for (Watcher watcher : watchers) {
            List<WatchTenantsResponse> seen = watcher.until(m -> m.getRevision() >= revision);
            assertEquals(revision, seen.get(seen.size() - 1).getRevision());
        }
    }

    /** Ends every session of the router on its database, as a server shutdown does (SQLSTATE 57P01). */
    private static void endRouterConnections(Connection superuser) {
        try (Statement statement = superuser.createStatement()) {
            statement.execute("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'""");
        } catch (SQLException e) {
            throw new IllegalStateException("could not end the router's connections", e);
        }
    }

    /**
     * Readers over gRPC and REST, and optionally watchers opened and closed, until stopped; collects
     * what failed. Where connections are being ended, a generic server error is expected, and only
     * a failure that shows more (or another kind of failure) counts.
     */
    private final class Load implements AutoCloseable {
        final ExecutorService threads = Executors.newCachedThreadPool();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Future<?>> tasks = new ArrayList<>();
        private final boolean connectionsEnding;

        Load(boolean connectionsEnding) {
            this.connectionsEnding = connectionsEnding;
        }

        void run(Runnable sample) {
            for (int r = 0; r < READERS; r++) {
                tasks.add(threads.submit(() -> {
                    var grpc = RouterServiceGrpc.newBlockingStub(channel());
                    while (running.get()) {
                        sample.run();
                        grpc(() -> grpc.withDeadlineAfter(10, TimeUnit.SECONDS)
                                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("quiet").build()));
                        grpc(() -> grpc.withDeadlineAfter(10, TimeUnit.SECONDS)
                                .listTenants(ListTenantsRequest.getDefaultInstance()));
                        rest(client().get(PATH + "/quiet"));
                        rest(client().get(PATH + "/busy/history?limit=5"));
                    }
                }));
            }
        }

        void churnWatchers() {
            tasks.add(threads.submit(() -> {
                while (running.get()) {
                    try (Watcher watcher = Watcher.open(channel(), 0)) {
                        if (!watcher.next().hasSnapshot()) {
                            failures.add("a watcher's first message was not its snapshot");
                        }
                    } catch (AssertionError e) {
                        failures.add("a watcher could not open: " + e.getMessage());
                    }
                }
            }));
        }

        /** Stops the readers; what failed. */
        List<String> stop() throws Exception {
            running.set(false);
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
            return List.copyOf(failures);
        }

        private void grpc(Runnable call) {
            try {
                call.run();
            } catch (StatusRuntimeException e) {
                Status status = e.getStatus();
                boolean generic = status.getCode() == Status.Code.INTERNAL && status.getDescription() != null
                        && GENERIC_DETAIL.matcher(status.getDescription()).matches();
                if (!(connectionsEnding && generic)) {
                    failures.add("gRPC " + status);
                }
            }
        }

        private void rest(Response response) {
            if (response.status() == 200) {
                return;
            }
            if (!(connectionsEnding && response.status() == 500 && isGeneric500(response.json()))) {
                failures.add("REST " + response);
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
