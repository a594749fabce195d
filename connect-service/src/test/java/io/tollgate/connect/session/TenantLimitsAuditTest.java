package io.tollgate.connect.session;

import io.tollgate.connect.config.ConnectConfig;
import io.tollgate.connect.config.ConnectLimitsConfig;
import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.message.SparkRequest;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.support.BlockingAuditSink;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.logs.AuditCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session audit lines {@link TenantLimits} decides under its monitor are written after it, in
 * the order of the changes: a stalled audit sink holds up the one thread writing, never another
 * tenant's admission; each session's start precedes its end; a backlog past its bound refuses new
 * sessions rather than losing or blocking. The limits are the real class; the lines are read from
 * the real audit logger.
 */
class TenantLimitsAuditTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Quotas DEFAULTS = Quotas.getDefaultInstance();

    private final TenantLimits limits = new TenantLimits(new ConnectConfig("127.0.0.1", 0, true, 1 << 20,
            100_000, 100_000, 1 << 20, Duration.ofHours(1), 8, Duration.ofMinutes(10), Duration.ofSeconds(5),
            Duration.ofMillis(200), Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofHours(1),
            Duration.ofMinutes(5), 32, null), new ConnectLimitsConfig(1 << 28, 1 << 27, 64, 1, 1 << 20));
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
        limits.stop();
    }

    private static SparkRequest config(String session) throws Exception {
        return SparkRequest.read(SparkMethod.CONFIG, ConfigRequest.newBuilder().setSessionId(session).build()
                .toByteArray());
    }

    private TenantLimits.Permit open(String tenant, String session) throws Exception {
        return limits.admit(tenant, DEFAULTS, "user@" + tenant, config(session));
    }

    private void openAndRelease(String tenant, String session) throws Exception {
        try (TenantLimits.Permit permit = open(tenant, session)) {
            permit.sessionReleased();
        }
    }

    private static List<String> sessionLinesOf(AuditCapture audit, String... tenants) {
        return audit.lines().stream().filter(line -> line.startsWith("event=spark.session.")
                && List.of(tenants).stream().anyMatch(tenant -> line.contains(" tenant=" + tenant + " "))).toList();
    }

    private static String start(String tenant, String session) {
        return "event=spark.session.start tenant=" + tenant + " subject=user@" + tenant + " session=" + session
                + " method=Config source=-";
    }

    private static String end(String tenant, String session) {
        return "event=spark.session.end tenant=" + tenant + " subject=user@" + tenant + " session=" + session
                + " reason=released";
    }

    @Test
    void anotherTenantIsAdmittedWhileTheTrailHoldsTheThreadWritingOneTenantsLine() throws Exception {
        String stalled = SparkRequests.newSession();
        String neighbours = SparkRequests.newSession();
        try (AuditCapture audit = AuditCapture.start();
             BlockingAuditSink sink = BlockingAuditSink.blockingOn(" session=" + stalled + " ")) {
            Future<TenantLimits.Permit> writingStalledLine = threads.submit(() -> open("stalled", stalled));
            sink.awaitBlocked(WAIT);

            CompletableFuture<Void> neighbour = CompletableFuture.runAsync(() -> {
                try {
                    openAndRelease("neighbour", neighbours);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            Await.until(neighbour::isDone, WAIT, "the neighbour's session opened and released");

            neighbour.join();
            assertFalse(writingStalledLine.isDone(), "the stalled tenant's thread is still writing its line");
            assertEquals(1, limits.openSessions("stalled"));
            assertEquals(0, limits.openSessions("neighbour"));
            assertEquals(List.of(start("stalled", stalled)), sessionLinesOf(audit, "stalled", "neighbour"),
                    "the neighbour's lines wait behind the stalled one");

            sink.release();
            writingStalledLine.get().close();
            Await.until(() -> sessionLinesOf(audit, "stalled", "neighbour").size() == 3, WAIT, "the lines written");
            assertEquals(List.of(start("stalled", stalled), start("neighbour", neighbours), end("neighbour", neighbours)),
                    sessionLinesOf(audit, "stalled", "neighbour"));
        }
    }

    @Test
    void underConcurrentOpeningsAndReleasesEachSessionStartsOnceBeforeItEndsOnce() throws Exception {
        int workers = 4;
        int sessionsEach = 250;
        List<List<String>> sessions = new ArrayList<>();
        for (int worker = 0; worker < workers; worker++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sessionsEach; i++) {
                ids.add(SparkRequests.newSession());
            }
            sessions.add(ids);
        }
        try (AuditCapture audit = AuditCapture.start()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int worker = 0; worker < workers; worker++) {
                String tenant = "order" + (worker % 2);
                List<String> ids = sessions.get(worker);
                done.add(threads.submit(() -> {
                    go.await();
                    for (String id : ids) {
                        // A second call on the open session writes nothing; the release ends it
                        // once both calls have ended.
                        try (TenantLimits.Permit first = open(tenant, id); TenantLimits.Permit second = open(tenant, id)) {
                            second.sessionReleased();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> worker : done) {
                worker.get();
            }

            List<String> lines = sessionLinesOf(audit, "order0", "order1");
            assertEquals(2 * workers * sessionsEach, lines.size());
            for (int worker = 0; worker < workers; worker++) {
                String tenant = "order" + (worker % 2);
                for (String id : sessions.get(worker)) {
                    int started = lines.indexOf(start(tenant, id));
                    int ended = lines.indexOf(end(tenant, id));
                    assertTrue(started >= 0 && started < ended, id + ": start at " + started + ", end at " + ended);
                    assertEquals(started, lines.lastIndexOf(start(tenant, id)), id + " started once");
                    assertEquals(ended, lines.lastIndexOf(end(tenant, id)), id + " ended once");
                }
            }
        }
    }

    @Test
    void aFullBacklogRefusesNewSessionsButNotCallsOnOpenOnesNorEndsAndLosesNoLine() throws Exception {
        String stalled = SparkRequests.newSession();
        try (AuditCapture audit = AuditCapture.start();
             BlockingAuditSink sink = BlockingAuditSink.blockingOn(" session=" + stalled + " ")) {
            Future<TenantLimits.Permit> writingStalledLine = threads.submit(() -> open("stalled", stalled));
            sink.awaitBlocked(WAIT);
            List<String> waiting = new ArrayList<>();
            TenantLimits.Permit firstWaiting = null;
            for (int i = 0; i < TenantLimits.AUDIT_BACKLOG; i++) {
                String session = SparkRequests.newSession();
                TenantLimits.Permit permit = open("backlog" + i % 32, session);
                firstWaiting = firstWaiting == null ? permit : firstWaiting;
                waiting.add(session);
            }

            String refused = SparkRequests.newSession();
            LimitExceededException full = assertThrows(LimitExceededException.class, () -> open("other", refused));
            assertEquals("Spark Connect limit reached: audit backlog = " + TenantLimits.AUDIT_BACKLOG
                    + " (session events waiting for the audit trail on this replica)", full.getMessage());
            assertEquals(0, limits.openSessions("other"));
            firstWaiting.close();
            openAndRelease("backlog0", waiting.get(0));

            sink.release();
            writingStalledLine.get().close();
            Await.until(() -> audit.events("spark.session.start").size() >= TenantLimits.AUDIT_BACKLOG + 1
                    && !audit.events("spark.session.end").isEmpty(), WAIT, "the backlog written");
            List<String> lines = sessionLinesOf(audit, "stalled", "backlog0", "other");
            assertEquals(start("stalled", stalled), lines.get(0));
            assertEquals(end("backlog0", waiting.get(0)), lines.get(lines.size() - 1));
            assertEquals(TenantLimits.AUDIT_BACKLOG, audit.events("spark.session.start").stream()
                    .filter(line -> line.contains(" tenant=backlog")).count());
            assertTrue(audit.lines().stream().noneMatch(line -> line.contains(refused)), "a refused session has no line");
            openAndRelease("other", refused);
        }
    }
}
