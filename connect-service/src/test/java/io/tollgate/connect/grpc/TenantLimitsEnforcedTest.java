package io.tollgate.connect.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.tollgate.connect.proto.AddArtifactsRequest;
import io.tollgate.connect.proto.AddArtifactsResponse;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ExecutePlanResponse;
import io.tollgate.connect.proto.ReleaseSessionRequest;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkBackendDouble;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The tenant {@code tight} may hold one session, run one operation and upload 100 artifact bytes
 * per session: beyond each, RESOURCE_EXHAUSTED naming the quota. The tests run in one method so
 * that the tenant's one session is theirs alone.
 */
class TenantLimitsEnforcedTest {
    private final SharedNeighbours shared = SharedNeighbours.get();
    private final String token = ConnectTokens.spark("frank", "tight");

    private ConfigRequest config(String session) {
        return ConfigRequest.newBuilder().setSessionId(session).build();
    }

    @Test
    void sessionsOperationsAndArtifactBytesStopAtTheTenantsQuotas() throws Exception {
        String session = SparkRequests.newSession();
        var stub = shared.gateway.blocking("authorization", token);
        stub.config(config(session));

        StatusRuntimeException secondSession = assertThrows(StatusRuntimeException.class,
                () -> stub.config(config(SparkRequests.newSession())));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, secondSession.getStatus().getCode());
        assertEquals("Spark Connect limit reached: max_spark_sessions = 1 (sessions the tenant may hold open at once)",
                secondSession.getStatus().getDescription());

        Context.CancellableContext first = Context.current().withCancellation();
        CompletableFuture<ExecutePlanResponse> ignored = new CompletableFuture<>();
        first.run(() -> shared.gateway.async(token).executePlan(SparkRequests.execute(session, "hang"),
                SparkConnectProxyTest.observer(ignored)));
        Await.until(() -> shared.backendC.receivedFor(session).stream().anyMatch(r -> r.method().equals("ExecutePlan")),
                Duration.ofSeconds(10), "the first operation runs");
        StatusRuntimeException secondOperation = assertThrows(StatusRuntimeException.class,
                () -> stub.executePlan(SparkRequests.execute(session, "rows:1")).forEachRemaining(r -> { }));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, secondOperation.getStatus().getCode());
        assertEquals("Spark Connect limit reached: max_spark_operations = 1 (operations the tenant may run at once)",
                secondOperation.getStatus().getDescription());
        first.cancel(null);

        CompletableFuture<AddArtifactsResponse> upload = new CompletableFuture<>();
        StreamObserver<AddArtifactsRequest> chunks = shared.gateway.async(token)
                .addArtifacts(SparkConnectProxyTest.observer(upload));
        for (int i = 0; i < 3; i++) {
            chunks.onNext(AddArtifactsRequest.newBuilder().setSessionId(session)
                    .setChunk(AddArtifactsRequest.ArtifactChunk.newBuilder().setData(ByteString.copyFrom(new byte[40])))
                    .build());
        }
        chunks.onCompleted();
        ExecutionException overArtifacts = assertThrows(ExecutionException.class, () -> upload.get(10, TimeUnit.SECONDS));
        Status artifacts = Status.fromThrowable(overArtifacts.getCause());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, artifacts.getCode());
        assertEquals("Spark Connect limit reached: max_spark_artifact_bytes = 100 (artifact bytes one session may upload)",
                artifacts.getDescription());

        stub.releaseSession(ReleaseSessionRequest.newBuilder().setSessionId(session).build());
        Await.until(() -> shared.gateway.bean(io.tollgate.connect.session.TenantLimits.class).openSessions("tight") == 0,
                Duration.ofSeconds(10), "the released session no longer counts");
        stub.config(config(SparkRequests.newSession()));
    }

    @Test
    void aCancelledOperationKeepsItsPlaceUntilItsInterruptIsAnswered() {
        shared.gateway.awaitRevision(shared.registry.upsert(SharedNeighbours.sparkTenant("oneop", "",
                Quotas.newBuilder().setMaxSparkOperations(1).build(), shared.backendC.endpoint())));
        String oneOp = ConnectTokens.spark("gina", "oneop");
        String session = SparkRequests.newSession();
        Context.CancellableContext first = Context.current().withCancellation();
        first.run(() -> shared.gateway.async(oneOp).executePlan(SparkRequests.execute(session, "hang-hold-interrupt"),
                SparkConnectProxyTest.observer(new CompletableFuture<>())));
        String operation = Await.value(() -> shared.backendC.receivedFor(session).stream()
                        .filter(r -> r.method().equals("ExecutePlan")).map(SparkBackendDouble.Received::operationId)
                        .findFirst().orElse(null), id -> id != null, Duration.ofSeconds(10), "the first operation runs");

        first.cancel(null);
        Await.until(() -> shared.backendC.interrupts().stream().anyMatch(i -> i.getOperationId().equals(operation)),
                Duration.ofSeconds(10), "the backend is asked to interrupt it");

        var stub = shared.gateway.blocking("authorization", oneOp);
        StatusRuntimeException restarted = assertThrows(StatusRuntimeException.class,
                () -> stub.executePlan(SparkRequests.execute(session, "rows:1")).forEachRemaining(r -> { }));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, restarted.getStatus().getCode());

        shared.backendC.answerHeldInterrupts();
        Await.until(() -> runsOne(stub, session), Duration.ofSeconds(10), "the operation's place is free once interrupted");
    }

    private static boolean runsOne(SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub, String session) {
        try {
            stub.executePlan(SparkRequests.execute(session, "rows:1")).forEachRemaining(r -> { });
            return true;
        } catch (StatusRuntimeException refused) {
            return false;
        }
    }
}
