package io.tollgate.connect.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.connect.proto.CloneSessionRequest;
import io.tollgate.connect.proto.CloneSessionResponse;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ReleaseSessionRequest;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.routing.BackendRoutes;
import io.tollgate.connect.session.TenantLimits;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkBackendDouble;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CloneSession opens a session: it counts against {@code max_spark_sessions} (until Spark refuses
 * the clone or the clone is released), and the new session lives where its later calls are routed.
 */
class CloneSessionTest {
    private final SharedNeighbours shared = SharedNeighbours.get();

    private static CloneSessionRequest.Builder clone(String session) {
        return CloneSessionRequest.newBuilder().setSessionId(session).setUserContext(SparkRequests.CLAIMED);
    }

    private static ConfigRequest config(String session) {
        return ConfigRequest.newBuilder().setSessionId(session).build();
    }

    private SparkBackendDouble backendOf(String session) {
        return Stream.of(shared.backendA, shared.backendB, shared.backendC)
                .filter(b -> !b.receivedFor(session).isEmpty()).findFirst().orElseThrow();
    }

    @Test
    void aCloneCountsAgainstTheSessionLimitUntilSparkRefusesItOrItIsReleased() {
        shared.gateway.awaitRevision(shared.registry.upsert(SharedNeighbours.sparkTenant("twins", "",
                Quotas.newBuilder().setMaxSparkSessions(2).build(), shared.backendC.endpoint())));
        SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub = shared.gateway.blocking("authorization",
                ConnectTokens.spark("hana", "twins"));
        TenantLimits limits = shared.gateway.bean(TenantLimits.class);
        String source = SparkRequests.newSession();
        stub.config(config(source));

        StatusRuntimeException sparkRefused = assertThrows(StatusRuntimeException.class,
                () -> stub.cloneSession(clone(source).setClientType("fail").build()));
        assertEquals(Status.Code.INTERNAL, sparkRefused.getStatus().getCode());
        assertTrue(sparkRefused.getStatus().getDescription().startsWith("[INVALID_HANDLE.SESSION_NOT_FOUND]"));
        Await.until(() -> limits.openSessions("twins") == 1, Duration.ofSeconds(10),
                "a clone Spark refused does not count");

        CloneSessionResponse cloned = stub.cloneSession(clone(source).build());
        String copy = cloned.getNewSessionId();
        assertEquals(copy, UUID.fromString(copy).toString(), "the gateway gave the clone a session id");
        CloneSessionRequest received = shared.backendC.clones().get(shared.backendC.clones().size() - 1);
        assertEquals(copy, received.getNewSessionId(), "Spark cloned under the gateway's id");
        assertEquals("hana@twins", received.getUserContext().getUserId());
        assertEquals(2, limits.openSessions("twins"));

        StatusRuntimeException overLimit = assertThrows(StatusRuntimeException.class,
                () -> stub.cloneSession(clone(source).build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, overLimit.getStatus().getCode());
        assertEquals("Spark Connect limit reached: max_spark_sessions = 2 (sessions the tenant may hold open at once)",
                overLimit.getStatus().getDescription());

        stub.releaseSession(ReleaseSessionRequest.newBuilder().setSessionId(copy).build());
        Await.until(() -> limits.openSessions("twins") == 1, Duration.ofSeconds(10), "the released clone no longer counts");
        stub.cloneSession(clone(source).build());
    }

    @Test
    void aClonesLaterCallsReachTheServerThatClonedIt() {
        SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub = shared.gateway.blocking("authorization",
                ConnectTokens.spark("ivan", "spread"));
        // Six sources: a clone landing beside its source by chance, 1 in 3 each, would pass six times once in 729.
        for (int i = 0; i < 6; i++) {
            String source = SparkRequests.newSession();
            stub.config(config(source));
            SparkBackendDouble cloner = backendOf(source);

            String copy = stub.cloneSession(clone(source).build()).getNewSessionId();
            stub.executePlan(SparkRequests.execute(copy, "rows:1")).forEachRemaining(r -> { });

            assertTrue(cloner.clones().stream().anyMatch(c -> c.getNewSessionId().equals(copy)));
            assertEquals(cloner, backendOf(copy), "the clone's ExecutePlan reaches the server that cloned it");
        }
    }

    @Test
    void aNewSessionIdTheClientNamesMustLiveBesideItsSource() {
        SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub = shared.gateway.blocking("authorization",
                ConnectTokens.spark("judy", "spread"));
        String source = SparkRequests.newSession();
        stub.config(config(source));
        SparkBackendDouble cloner = backendOf(source);
        Tenant spread = SharedNeighbours.sparkTenant("spread", "", Quotas.getDefaultInstance(),
                shared.backendA.endpoint(), shared.backendB.endpoint(), shared.backendC.endpoint());
        BackendRoutes routes = shared.gateway.bean(BackendRoutes.class);
        String elsewhere = idRoutedTo(routes, spread, false, cloner);
        String beside = idRoutedTo(routes, spread, true, cloner);

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stub.cloneSession(clone(source).setNewSessionId(elsewhere).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals("new_session_id routes to another Spark Connect server than session_id; leave it unset and the"
                + " gateway chooses one", refused.getStatus().getDescription());
        assertTrue(cloner.clones().stream().noneMatch(c -> c.getNewSessionId().equals(elsewhere)));

        assertEquals(beside, stub.cloneSession(clone(source).setNewSessionId(beside).build()).getNewSessionId());
    }

    /** A fresh session id that judy@spread's calls route to {@code backend} (or, with {@code to} false, elsewhere). */
    private static String idRoutedTo(BackendRoutes routes, Tenant tenant, boolean to, SparkBackendDouble backend) {
        while (true) {
            String id = SparkRequests.newSession();
            try {
                if (routes.route(tenant, "judy@spread", "judy", id).endpoint().equals(backend.endpoint()) == to) {
                    return id;
                }
            } catch (io.tollgate.connect.routing.NoSparkBackendException e) {
                throw new AssertionError(e);
            }
        }
    }
}
