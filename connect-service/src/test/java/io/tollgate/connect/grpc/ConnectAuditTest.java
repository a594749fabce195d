package io.tollgate.connect.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.connect.proto.CloneSessionRequest;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ExecutePlanRequest;
import io.tollgate.connect.proto.Plan;
import io.tollgate.connect.proto.Relation;
import io.tollgate.connect.proto.ReleaseSessionRequest;
import io.tollgate.connect.proto.SQL;
import io.tollgate.connect.proto.SparkConnectServiceGrpc.SparkConnectServiceBlockingStub;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.logs.AuditCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail an auditor reads: each operation with its plan's kind and outcome, and each
 * session's start and end on this replica, once each, paired by tenant, subject and session.
 */
class ConnectAuditTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern SESSION = Pattern.compile(" session=(\\S+)");
    private final SharedNeighbours shared = SharedNeighbours.get();

    private static ExecutePlanRequest query(String session, String command) {
        return SparkRequests.execute(session, command).toBuilder().setPlan(Plan.newBuilder().setRoot(Relation.newBuilder()
                .setSql(SQL.newBuilder().setQuery("select salary from payroll where name = 'Mallory'")))).build();
    }

    private static ConfigRequest config(String session) {
        return ConfigRequest.newBuilder().setSessionId(session).build();
    }

    private static List<String> linesOf(AuditCapture audit, String event, String session) {
        return audit.events(event).stream().filter(line -> line.contains(" session=" + session + " ")).toList();
    }

    private static String awaitOne(AuditCapture audit, String event, String session) {
        Await.until(() -> !linesOf(audit, event, session).isEmpty(), WAIT, event + " of " + session);
        return linesOf(audit, event, session).get(0);
    }

    @Test
    void anOperationIsAuditedWithItsPlanKindAndOutcomeButNeverItsText() {
        String session = SparkRequests.newSession();
        try (AuditCapture audit = AuditCapture.start()) {
            shared.gateway.blocking("authorization", ConnectTokens.spark("alice", "acme"))
                    .executePlan(query(session, "rows:1")).forEachRemaining(response -> { });

            String call = awaitOne(audit, "spark.call", session);
            assertTrue(call.startsWith("event=spark.call method=ExecutePlan tenant=acme subject=alice@acme session="
                    + session + " operation="), call);
            assertTrue(call.endsWith(" plan=root:sql outcome=OK"), call);
            assertTrue(audit.lines().stream().noneMatch(line -> line.contains("payroll") || line.contains("Mallory")),
                    "no statement text in the trail");
        }
    }

    @Test
    void anOperationRefusedBeforeItReachesSparkIsAuditedAsRefused() {
        String session = SparkRequests.newSession();
        try (AuditCapture audit = AuditCapture.start()) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> shared.gateway
                    .blocking("authorization", ConnectTokens.spark("nina", "nospark"))
                    .executePlan(query(session, "rows:1")).forEachRemaining(response -> { }));
            assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());

            String call = awaitOne(audit, "spark.call", session);
            assertTrue(call.contains(" tenant=nospark subject=nina@nospark ") && call.endsWith(
                    " plan=root:sql outcome=PERMISSION_DENIED"), call);
            assertTrue(linesOf(audit, "spark.session.start", session).isEmpty(), "a refused call opens no session");
        }
    }

    @Test
    void aSessionStartsOnceAtItsFirstCallAndEndsOnceWhenReleased() {
        String session = SparkRequests.newSession();
        SparkConnectServiceBlockingStub stub = shared.gateway.blocking("authorization", ConnectTokens.spark("bob", "acme"));
        try (AuditCapture audit = AuditCapture.start()) {
            stub.config(config(session));
            stub.executePlan(query(session, "rows:2")).forEachRemaining(response -> { });
            stub.config(config(session));
            awaitOne(audit, "spark.call", session);

            stub.releaseSession(ReleaseSessionRequest.newBuilder().setSessionId(session).build());

            String end = awaitOne(audit, "spark.session.end", session);
            assertEquals("event=spark.session.end tenant=acme subject=bob@acme session=" + session + " reason=released",
                    end);
            assertEquals(List.of("event=spark.session.start tenant=acme subject=bob@acme session=" + session
                    + " method=Config source=-"), linesOf(audit, "spark.session.start", session));
            assertEquals(1, linesOf(audit, "spark.session.end", session).size());
        }
    }

    @Test
    void aCloneStartsWithItsSourceAndEndsWhenSparkRefusesIt() {
        String source = SparkRequests.newSession();
        SparkConnectServiceBlockingStub stub = shared.gateway.blocking("authorization", ConnectTokens.spark("carl", "acme"));
        stub.config(config(source));
        try (AuditCapture audit = AuditCapture.start()) {
            assertThrows(StatusRuntimeException.class, () -> stub.cloneSession(CloneSessionRequest.newBuilder()
                    .setSessionId(source).setClientType("fail").build()));

            Await.until(() -> audit.events("spark.session.start").stream().anyMatch(l -> l.contains(" source=" + source)),
                    WAIT, "the clone's start");
            String start = audit.events("spark.session.start").stream().filter(l -> l.contains(" source=" + source))
                    .findFirst().orElseThrow();
            Matcher clone = SESSION.matcher(start);
            assertTrue(clone.find() && !clone.group(1).equals(source), start);
            assertTrue(start.endsWith(" method=CloneSession source=" + source), start);
            assertEquals("event=spark.session.end tenant=acme subject=carl@acme session=" + clone.group(1)
                    + " reason=clone-refused", awaitOne(audit, "spark.session.end", clone.group(1)));
        }
    }

    @Test
    void anIdleSessionEndsAfterTheTimeoutAndSessionsStillOpenEndWhenTheReplicaStops() {
        Map<String, Object> properties = ConnectGateway.properties(shared.registry, shared.revocations);
        properties.put("tollgate.connect.session-idle-timeout", "1s");
        String idle = SparkRequests.newSession();
        String open = SparkRequests.newSession();
        try (AuditCapture audit = AuditCapture.start()) {
            ConnectGateway gateway = ConnectGateway.start(properties);
            try {
                SparkConnectServiceBlockingStub stub = gateway.blocking("authorization", ConnectTokens.spark("dora", "acme"));
                stub.config(config(idle));

                assertEquals("event=spark.session.end tenant=acme subject=dora@acme session=" + idle + " reason=idle",
                        awaitOne(audit, "spark.session.end", idle));
                stub.config(config(open));
            } finally {
                gateway.close();
            }

            assertEquals("event=spark.session.end tenant=acme subject=dora@acme session=" + open + " reason=shutdown",
                    awaitOne(audit, "spark.session.end", open));
        }
    }
}
