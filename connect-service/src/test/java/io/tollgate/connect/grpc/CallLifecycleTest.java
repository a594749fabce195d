package io.tollgate.connect.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tollgate.connect.proto.ExecutePlanRequest;
import io.tollgate.connect.proto.ExecutePlanResponse;
import io.tollgate.connect.proto.InterruptRequest;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkBackendDouble;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.logs.AuditCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens to a running operation when its client goes, when the gateway must end it, and
 * when its client reads slower than the backend writes.
 */
class CallLifecycleTest {
    private final SharedNeighbours shared = SharedNeighbours.get();

    /** A streaming ExecutePlan whose end (status) completes {@code ended}; responses are counted. */
    private static final class Stream implements ClientResponseObserver<ExecutePlanRequest, ExecutePlanResponse> {
        final CompletableFuture<Status> ended = new CompletableFuture<>();
        final AtomicInteger responses = new AtomicInteger();
        final boolean manual;
        volatile ClientCallStreamObserver<ExecutePlanRequest> call;

        Stream(boolean manual) {
            this.manual = manual;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ExecutePlanRequest> call) {
            this.call = call;
            if (manual) {
                call.disableAutoRequestWithInitial(0);
            }
        }

        @Override
        public void onNext(ExecutePlanResponse value) {
            responses.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            ended.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            ended.complete(Status.OK);
        }
    }

    private static String awaitRunning(SparkBackendDouble backend, String session) {
        return Await.value(() -> backend.receivedFor(session).stream().map(SparkBackendDouble.Received::operationId)
                        .filter(backend::running).findFirst().orElse(null),
                id -> id != null, Duration.ofSeconds(10), "the operation runs on the backend");
    }

    @Test
    void aClientThatCancelsHasItsOperationInterruptedOnTheBackendAsItself() {
        String session = SparkRequests.newSession();
        Context.CancellableContext client = Context.current().withCancellation();
        Stream stream = new Stream(false);
        client.run(() -> shared.gateway.async(ConnectTokens.spark("alice", "acme"))
                .executePlan(SparkRequests.execute(session, "hang"), stream));
        String operation = awaitRunning(shared.backendA, session);

        try (AuditCapture audit = AuditCapture.start()) {
            client.cancel(null);
            Await.until(() -> audit.events("spark.call").stream().anyMatch(line -> line.contains(operation)),
                    Duration.ofSeconds(10), "the cancelled operation is audited");
            String event = audit.events("spark.call").stream().filter(line -> line.contains(operation)).findFirst()
                    .orElseThrow();
            assertTrue(event.contains("method=ExecutePlan") && event.contains("tenant=acme")
                    && event.contains("subject=alice@acme") && event.contains("outcome=cancelled"), event);
        }

        InterruptRequest interrupt = Await.value(() -> shared.backendA.interrupts().stream()
                        .filter(i -> i.getOperationId().equals(operation)).findFirst().orElse(null),
                i -> i != null, Duration.ofSeconds(10), "the backend is asked to interrupt the operation");
        assertEquals(session, interrupt.getSessionId());
        assertEquals(InterruptRequest.InterruptType.INTERRUPT_TYPE_OPERATION_ID, interrupt.getInterruptType());
        assertEquals("alice@acme", interrupt.getUserContext().getUserId());
        assertEquals("Bearer " + SharedNeighbours.ACME_BACKEND_TOKEN,
                shared.backendA.receivedFor(session).stream().filter(r -> r.method().equals("Interrupt"))
                        .findFirst().orElseThrow().authorization());
        Await.until(() -> !shared.backendA.running(operation), Duration.ofSeconds(10), "the operation stops");
    }

    @Test
    void aClientPastItsDeadlineHasItsOperationInterrupted() throws Exception {
        String session = SparkRequests.newSession();
        Stream stream = new Stream(false);
        shared.gateway.async(ConnectTokens.spark("alice", "acme")).withDeadlineAfter(1, TimeUnit.SECONDS)
                .executePlan(SparkRequests.execute(session, "hang"), stream);

        assertEquals(Status.Code.DEADLINE_EXCEEDED, stream.ended.get(20, TimeUnit.SECONDS).getCode());
        String operation = shared.backendA.receivedFor(session).get(0).operationId();
        Await.until(() -> !shared.backendA.running(operation), Duration.ofSeconds(10), "the operation is interrupted");
    }

    @Test
    void aRevokedTokensRunningStreamEndsUnauthenticatedAndItsOperationIsInterrupted() throws Exception {
        String token = ConnectTokens.spark("carol", "revoked");
        String session = SparkRequests.newSession();
        Stream stream = new Stream(false);
        shared.gateway.async(token).executePlan(SparkRequests.execute(session, "hang"), stream);
        String operation = awaitRunning(shared.backendC, session);

        shared.revocations.revokeToken(ConnectTokens.idOf(token));

        Status ended = stream.ended.get(10, TimeUnit.SECONDS);
        assertEquals(Status.Code.UNAUTHENTICATED, ended.getCode());
        assertEquals("invalid credentials", ended.getDescription());
        Await.until(() -> !shared.backendC.running(operation), Duration.ofSeconds(10), "the operation is interrupted");
    }

    @Test
    void aSuspendedTenantsRunningStreamEndsPermissionDenied() throws Exception {
        var active = SharedNeighbours.sparkTenant("ephemeral", "", Quotas.getDefaultInstance(), shared.backendC.endpoint());
        shared.gateway.awaitRevision(shared.registry.upsert(active));
        String session = SparkRequests.newSession();
        Stream stream = new Stream(false);
        shared.gateway.async(ConnectTokens.spark("dave", "ephemeral")).executePlan(SparkRequests.execute(session, "hang"), stream);
        String operation = awaitRunning(shared.backendC, session);

        shared.registry.upsert(active.toBuilder().setStatus(TenantStatus.TENANT_STATUS_SUSPENDED).build());

        Status ended = stream.ended.get(10, TimeUnit.SECONDS);
        assertEquals(Status.Code.PERMISSION_DENIED, ended.getCode());
        assertEquals("tenant is not available", ended.getDescription());
        Await.until(() -> !shared.backendC.running(operation), Duration.ofSeconds(10), "the operation is interrupted");
    }

    @Test
    void aClientThatDoesNotReadHoldsTheBackendBackInsteadOfTheGatewayBufferingItsResults() throws Exception {
        String session = SparkRequests.newSession();
        Stream stream = new Stream(true);
        shared.gateway.async(ConnectTokens.spark("erin", "globex")).executePlan(SparkRequests.execute(session, "flood"), stream);

        Await.until(shared.backendB::floodStalled, Duration.ofSeconds(20), "the backend is held back by flow control");
        int sentWhileStalled = shared.backendB.floodSent();
        // Two HTTP/2 windows (client side, backend side) and one message in hand: far below the whole result.
        assertTrue(sentWhileStalled < SparkBackendDouble.FLOOD_BATCHES / 4,
                "the backend could send only " + sentWhileStalled + " of " + SparkBackendDouble.FLOOD_BATCHES);
        assertEquals(0, stream.responses.get());

        stream.call.request(Integer.MAX_VALUE);

        assertEquals(Status.OK, stream.ended.get(60, TimeUnit.SECONDS));
        assertEquals(SparkBackendDouble.FLOOD_BATCHES, stream.responses.get());
    }
}
