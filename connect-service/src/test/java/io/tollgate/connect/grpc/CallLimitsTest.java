package io.tollgate.connect.grpc;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.connect.limits.BytesInFlight;
import io.tollgate.connect.limits.OpenCallCaps;
import io.tollgate.connect.proto.AnalyzePlanRequest;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ExecutePlanRequest;
import io.tollgate.connect.proto.ExecutePlanResponse;
import io.tollgate.connect.proto.KeyValue;
import io.tollgate.connect.proto.Plan;
import io.tollgate.connect.proto.Relation;
import io.tollgate.connect.proto.SQL;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replica's own limits, on a gateway of this class with small ones (on the shared neighbours):
 * 600,000 message bytes in flight, 400,000 per tenant, 4 open calls per tenant and half of each
 * tenant cap per user, 1 KiB requests for the methods without plans. Over each: RESOURCE_EXHAUSTED
 * naming it, and nothing held once the calls have ended, however they ended.
 */
class CallLimitsTest {
    private static final long BYTES_IN_FLIGHT = 600_000;
    private static final long TENANT_BYTES_IN_FLIGHT = 400_000;
    private static final SharedNeighbours SHARED = SharedNeighbours.get();
    private static ConnectGateway gateway;

    @BeforeAll
    static void startGateway() {
        Map<String, Object> properties = ConnectGateway.properties(SHARED.registry, SHARED.revocations);
        properties.put("tollgate.connect.limits.bytes-in-flight", BYTES_IN_FLIGHT);
        properties.put("tollgate.connect.limits.tenant-bytes-in-flight", TENANT_BYTES_IN_FLIGHT);
        properties.put("tollgate.connect.limits.max-calls-per-tenant", 4);
        properties.put("tollgate.connect.limits.principal-share", 0.5);
        properties.put("tollgate.connect.limits.small-request-bytes", 1024);
        gateway = ConnectGateway.start(properties);
        long revision = 0;
        for (String tenant : new String[] {"lim-a", "lim-b", "lim-c", "lim-calls"}) {
            revision = SHARED.registry.upsert(SharedNeighbours.sparkTenant(tenant, "", Quotas.getDefaultInstance(),
                    SHARED.backendC.endpoint()));
        }
        revision = SHARED.registry.upsert(SharedNeighbours.sparkTenant("lim-users", "", Quotas.newBuilder()
                .setMaxSparkSessions(2).setMaxSparkOperations(2).build(), SHARED.backendC.endpoint()));
        gateway.awaitRevision(revision);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    /** Every call of a test has ended, however: no byte and no call slot is left held. */
    @AfterEach
    void nothingIsHeldOnceTheCallsEnded() {
        MeterRegistry meters = gateway.bean(MeterRegistry.class);
        Await.until(() -> meters.get("tollgate.connect.bytes.in.flight").gauge().value() == 0
                        && meters.get("tollgate.connect.calls.open").gauge().value() == 0,
                Duration.ofSeconds(10), "the gauges of bytes in flight and open calls are back at zero");
    }

    @Test
    void aTenantAtItsBudgetIsRefusedWhileOtherTenantsGoOnAndTheReplicasBudgetStopsThemAll() throws Exception {
        BytesInFlight inFlight = gateway.bean(BytesInFlight.class);
        ManagedChannel slowReader = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext()
                .flowControlWindow(64 * 1024).build();
        try {
            // A client that reads nothing: its one response stays in the gateway, charged, and its
            // stream is held back by flow control rather than refused.
            SlowReader held = new SlowReader();
            SparkConnectServiceGrpc.newStub(slowReader).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                            ConnectGateway.bearer("authorization", ConnectTokens.spark("ann", "lim-a"))))
                    .executePlan(SparkRequests.execute(SparkRequests.newSession(), "hold:300000"), held);
            Await.until(() -> inFlight.ofTenant("lim-a") > 300_000, Duration.ofSeconds(10),
                    "the slow reader's response is held in the gateway");

            StatusRuntimeException response = assertThrows(StatusRuntimeException.class, () ->
                    gateway.blocking("authorization", ConnectTokens.spark("bob", "lim-a"))
                            .executePlan(SparkRequests.execute(SparkRequests.newSession(), "hold:150000"))
                            .forEachRemaining(r -> { }));
            assertLimit("tenant-bytes-in-flight = 400000 (message bytes the tenant's calls may hold in the gateway at once)",
                    response);
            StatusRuntimeException request = assertThrows(StatusRuntimeException.class, () ->
                    gateway.blocking("authorization", ConnectTokens.spark("bob", "lim-a")).analyzePlan(analyze(150_000)));
            assertLimit("tenant-bytes-in-flight = 400000 (message bytes the tenant's calls may hold in the gateway at once)",
                    request);

            gateway.blocking("authorization", ConnectTokens.spark("bea", "lim-b")).analyzePlan(analyze(150_000));
            StatusRuntimeException replica = assertThrows(StatusRuntimeException.class, () ->
                    gateway.blocking("authorization", ConnectTokens.spark("cid", "lim-c")).analyzePlan(analyze(350_000)));
            assertLimit("bytes-in-flight = 600000 (message bytes all calls may hold in the gateway at once; retry later)",
                    replica);

            held.stream.request(1);
            ExecutePlanResponse batch = held.first.get(10, TimeUnit.SECONDS);
            assertEquals(300_000, batch.getArrowBatch().getData().size(), "the slow reader gets its response whole");
            held.stream.cancel("done", null);
        } finally {
            slowReader.shutdownNow();
        }
    }

    @Test
    void callsOfAnyMethodStopAtTheUsersShareAndTheTenantsCap() {
        String session = SparkRequests.newSession();
        Context.CancellableContext running = Context.current().withCancellation();
        try {
            running.run(() -> {
                hang("dan", session);
                hang("dan", session);
            });
            StatusRuntimeException third = assertThrows(StatusRuntimeException.class, () -> config("dan", session));
            assertLimit("max-calls-per-tenant per user = 2 (calls one user may have open at once)", third);

            String other = SparkRequests.newSession();
            running.run(() -> {
                hang("eve", other);
                hang("eve", other);
            });
            StatusRuntimeException fifth = assertThrows(StatusRuntimeException.class,
                    () -> config("fay", SparkRequests.newSession()));
            assertLimit("max-calls-per-tenant = 4 (calls the tenant may have open at once)", fifth);
        } finally {
            running.cancel(null);
        }
        Await.until(() -> {
            try {
                config("fay", SparkRequests.newSession());
                return true;
            } catch (StatusRuntimeException stillFull) {
                return false;
            }
        }, Duration.ofSeconds(10), "a call is admitted once the others have ended");
    }

    @Test
    void oneUserTakesAtMostItsShareOfTheTenantsSessionsAndOperations() {
        var ida = gateway.blocking("authorization", ConnectTokens.spark("ida", "lim-users"));
        String session = SparkRequests.newSession();
        ida.config(ConfigRequest.newBuilder().setSessionId(session).build());
        StatusRuntimeException secondSession = assertThrows(StatusRuntimeException.class,
                () -> ida.config(ConfigRequest.newBuilder().setSessionId(SparkRequests.newSession()).build()));
        assertLimit("max_spark_sessions per user = 1 (sessions one user may hold open at once)", secondSession);

        Context.CancellableContext running = Context.current().withCancellation();
        try {
            running.run(() -> gateway.async(ConnectTokens.spark("ida", "lim-users"))
                    .executePlan(SparkRequests.execute(session, "hang"), SparkConnectProxyTest.observer(new CompletableFuture<>())));
            Await.until(() -> SHARED.backendC.receivedFor(session).stream().anyMatch(r -> r.method().equals("ExecutePlan")),
                    Duration.ofSeconds(10), "ida's operation runs");
            StatusRuntimeException secondOperation = assertThrows(StatusRuntimeException.class,
                    () -> ida.executePlan(SparkRequests.execute(session, "rows:1")).forEachRemaining(r -> { }));
            assertLimit("max_spark_operations per user = 1 (operations one user may run at once)", secondOperation);

            var jon = gateway.blocking("authorization", ConnectTokens.spark("jon", "lim-users"));
            String jons = SparkRequests.newSession();
            jon.executePlan(SparkRequests.execute(jons, "rows:2")).forEachRemaining(r -> { });
        } finally {
            running.cancel(null);
        }
    }

    @Test
    void requestsOfMethodsWithoutAPlanAreRefusedOverTheirSmallSize() {
        String session = SparkRequests.newSession();
        ConfigRequest large = ConfigRequest.newBuilder().setSessionId(session)
                .setOperation(ConfigRequest.Operation.newBuilder().setSet(ConfigRequest.Set.newBuilder()
                        .addPairs(KeyValue.newBuilder().setKey("spark.k").setValue("v".repeat(2000)))))
                .build();
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> gateway.blocking("authorization", ConnectTokens.spark("kim", "lim-c")).config(large));
        assertLimit("small-request-bytes = 1024 (largest Config request)", refused);
        assertTrue(SHARED.backendC.receivedFor(session).isEmpty(), "the backend never heard of it");

        gateway.blocking("authorization", ConnectTokens.spark("kim", "lim-c")).analyzePlan(analyze(2000));
    }

    @Test
    void aRequestOverItsSizeOrTheBudgetIsRefusedWhileItArrivesNeverTakenWhole() {
        var max = gateway.blocking("authorization", ConnectTokens.spark("max", "lim-c"));
        max.analyzePlan(analyze(100)); // a request taken whole counts
        double before = receivedBytes("lim-c");
        assertTrue(before > 100, "the tenant's received bytes are counted");
        StatusRuntimeException overBudget = assertThrows(StatusRuntimeException.class, () -> max.analyzePlan(analyze(8 << 20)));
        assertLimit("tenant-bytes-in-flight = 400000 (message bytes the tenant's calls may hold in the gateway at once)",
                overBudget);
        String session = SparkRequests.newSession();
        StatusRuntimeException overSize = assertThrows(StatusRuntimeException.class,
                () -> max.config(ConfigRequest.newBuilder().setSessionId(session).setClientType("t".repeat(4 << 20))
                        .build()));
        assertLimit("small-request-bytes = 1024 (largest Config request)", overSize);
        assertEquals(before, receivedBytes("lim-c"), "neither request was taken whole from the client");
    }

    private static double receivedBytes(String tenant) {
        var counter = gateway.bean(MeterRegistry.class).find("tollgate.connect.message")
                .tag("direction", "received").tag("tenant", tenant).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void callsThatSucceedFailOnTheBackendOrAreRefusedHoldNothingAfterwards() {
        var lee = gateway.blocking("authorization", ConnectTokens.spark("lee", "lim-c"));
        lee.executePlan(SparkRequests.execute(SparkRequests.newSession(), "rows:3")).forEachRemaining(r -> { });
        StatusRuntimeException failed = assertThrows(StatusRuntimeException.class, () ->
                lee.executePlan(SparkRequests.execute(SparkRequests.newSession(), "fail")).forEachRemaining(r -> { }));
        assertEquals(Status.Code.INTERNAL, failed.getStatus().getCode(), "Spark's own error, as Spark sends it");
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> lee.analyzePlan(analyze(500_000)));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        // and the cancelled ones of the tests above: checked after each test
    }

    /** Starts an operation that runs until cancelled, and waits until its call holds a slot. */
    private static void hang(String user, String session) {
        OpenCallCaps caps = gateway.bean(OpenCallCaps.class);
        int before = caps.open();
        gateway.async(ConnectTokens.spark(user, "lim-calls")).executePlan(SparkRequests.execute(session, "hang"),
                SparkConnectProxyTest.observer(new CompletableFuture<>()));
        Await.until(() -> caps.open() > before, Duration.ofSeconds(10), "the call is open");
    }

    private static void config(String user, String session) {
        gateway.blocking("authorization", ConnectTokens.spark(user, "lim-calls"))
                .config(ConfigRequest.newBuilder().setSessionId(session).build());
    }

    /** An AnalyzePlan request of about {@code bytes} bytes (a long SQL text). */
    private static AnalyzePlanRequest analyze(int bytes) {
        return AnalyzePlanRequest.newBuilder().setSessionId(SparkRequests.newSession())
                .setSchema(AnalyzePlanRequest.Schema.newBuilder().setPlan(Plan.newBuilder().setRoot(Relation.newBuilder()
                        .setSql(SQL.newBuilder().setQuery("select '" + "x".repeat(bytes) + "'")))))
                .build();
    }

    private static void assertLimit(String limit, StatusRuntimeException refused) {
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode(), refused.getStatus().toString());
        assertEquals("Spark Connect limit reached: " + limit, refused.getStatus().getDescription());
    }

    /** Reads a response only when told to. */
    private static final class SlowReader implements ClientResponseObserver<ExecutePlanRequest, ExecutePlanResponse> {
        final CompletableFuture<ExecutePlanResponse> first = new CompletableFuture<>();
        volatile ClientCallStreamObserver<ExecutePlanRequest> stream;

        @Override
        public void beforeStart(ClientCallStreamObserver<ExecutePlanRequest> requestStream) {
            stream = requestStream;
            requestStream.disableAutoRequestWithInitial(0);
        }

        @Override
        public void onNext(ExecutePlanResponse value) {
            first.complete(value);
        }

        @Override
        public void onError(Throwable t) {
            first.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
        }
    }
}
