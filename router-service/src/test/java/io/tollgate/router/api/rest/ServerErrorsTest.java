package io.tollgate.router.api.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.CapturedLogs;
import io.tollgate.router.persistence.RegistryLock;
import io.tollgate.router.service.backend.FailingBackendCheck;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.Tenants;
import io.tollgate.testkit.logs.IncidentCapture;
import io.tollgate.testkit.await.Await;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a caller sees when the service fails inside: a generic problem, never the exception's text
 * (classes, connections, SQL), only a reference to the incident; the log has the whole story under
 * that reference, with the stack.
 */
@MicronautTest(transactional = false)
class ServerErrorsTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";
    /** Text that must never be in a body: what the failures below carry in their messages. */
    private static final List<String> INTERNALS = List.of("Hikari", "Connection", "connection", "Exception",
            "java.", "com.zaxxer", "org.postgresql", "io.micronaut", "SELECT", "router.tenants", "pg_",
            "read-only", "terminating", "administrator", "registry write lock");

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    RegistryLock lock;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(FailingBackendCheck.ENABLED, "true");
    }

    /**
     * The admin write the benchmark saw fail: its database connection ends mid-transaction
     * (SQLSTATE 57P01, as when PostgreSQL shuts down); Hikari closes the connection, and Micronaut
     * Data's clean-up then fails with "Could not set JDBC Connection [HikariProxyConnection@...
     * wrapping ...ClosedConnection] read-only: Connection is closed".
     */
    @Test
    void aWriteWhoseConnectionIsTerminatedAnswersAGeneric500AndTheLogHasTheStack() throws Exception {
        assertEquals(201, admin().post(PATH, Tenants.withPassword("cut-off", "pw-cut-1")).status());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (CapturedLogs logs = new CapturedLogs(); Connection superuser = db.connect()) {
            // Another writer holds the registry lock: the suspend waits for it inside its transaction.
            Future<?> holder = threads.submit(() -> transactions.executeWrite(status -> {
                lock.acquire();
                held.countDown();
                awaitQuietly(release);
                return null;
            }));
            assertTrue(held.await(10, TimeUnit.SECONDS));
            Future<Response> suspend = threads.submit(() -> admin().post(PATH + "/cut-off/suspend", null, "*"));
            int writer = backendWaitingForTheRegistryLock(superuser);

            try (Statement statement = superuser.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(" + writer + ")");
            }
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            Response response = suspend.get(30, TimeUnit.SECONDS);

            assertGeneric500(response);
            assertLoggedUnderItsReference(logs, response);
            ILoggingEvent logged = logs.events().stream()
                    .filter(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null)
                    .filter(e -> e.getFormattedMessage().contains("POST /admin/v1/tenants/{id}/suspend"))
                    .findFirst().orElseThrow(() -> new AssertionError("no ERROR with a stack: " + logs.events()));
            assertTrue(logged.getThrowableProxy().getStackTraceElementProxyArray().length > 0);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }

        // The pool replaced the connection: the same write goes through now.
        Response retried = admin().post(PATH + "/cut-off/suspend", null, "*");
        assertEquals(200, retried.status(), retried::toString);
    }

    @Test
    void aBugAnswersAGeneric500AndIsLoggedOnceWithItsStack() {
        assertEquals(201, admin().post(PATH, Tenants.withPassword("checked", "pw-checked-1")).status());
        try (CapturedLogs logs = new CapturedLogs()) {
            Response response = admin().post(PATH + "/checked/check", null);

            assertGeneric500(response);
            assertLoggedUnderItsReference(logs, response);
            List<IThrowableProxy> logged = logs.events().stream()
                    .filter(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null)
                    .map(ILoggingEvent::getThrowableProxy)
                    .filter(t -> FailingBackendCheck.MESSAGE.equals(t.getMessage()))
                    .toList();
            assertEquals(1, logged.size(), () -> "logged once, with its stack: " + logs.events());
            assertTrue(logged.get(0).getStackTraceElementProxyArray().length > 0);
            assertNotNull(logged.get(0).getCause(), "and its cause");
        }
    }

    @Test
    void clientErrorsKeepTheirMessages() {
        assertEquals(201, admin().post(PATH, Tenants.withPassword("kept", "pw-kept-1")).status());

        Response unconditional = admin().post(PATH + "/kept/suspend", null, null);
        Response stale = admin().post(PATH + "/kept/suspend", null, "\"999999\"");

        assertEquals(428, unconditional.status(), unconditional::toString);
        assertEquals(412, stale.status(), stale::toString);
        for (Response response : List.of(unconditional, stale)) {
            Object detail = response.json().get("detail");
            assertTrue(detail instanceof String text && !text.isBlank() && !text.equals("internal error"),
                    response::toString);
        }
    }

    private static void assertGeneric500(Response response) {
        assertEquals(500, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("Content-Type"));
        Map<String, Object> problem = response.json();
        assertEquals(4, problem.size(), response::toString);
        assertEquals("about:blank", problem.get("type"));
        assertEquals("Internal Server Error", problem.get("title"));
        assertEquals(500, ((Number) problem.get("status")).intValue());
        IncidentCapture.referenceIn((String) problem.get("detail"));
        INTERNALS.forEach(text -> assertFalse(response.body().contains(text), () -> text + " in " + response.body()));
    }

    /** The reference the caller got names the one incident logged, with the stack. */
    private static void assertLoggedUnderItsReference(CapturedLogs logs, Response response) {
        String reference = IncidentCapture.referenceIn((String) response.json().get("detail"));
        List<ILoggingEvent> logged = logs.events().stream()
                .filter(e -> e.getFormattedMessage().startsWith("incident " + reference + ": "))
                .toList();
        assertEquals(1, logged.size(), () -> "logged once under " + reference + ": " + logs.events());
        assertNotNull(logged.get(0).getThrowableProxy(), "with its stack");
    }

    /** The router's backend that waits for the registry lock (an advisory lock), once it does. */
    private static int backendWaitingForTheRegistryLock(Connection superuser) {
        return Await.value(() -> backendWaitingForAnAdvisoryLock(superuser), pid -> pid != 0, Duration.ofSeconds(10),
                "a backend waits for the registry lock");
    }

    /** The pid of a backend of this database waiting for an advisory lock, or 0. */
    private static int backendWaitingForAnAdvisoryLock(Connection superuser) {
        try (Statement statement = superuser.createStatement();
             ResultSet waiting = statement.executeQuery("""
                     SELECT pid FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'""")) {
            return waiting.next() ? waiting.getInt(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
