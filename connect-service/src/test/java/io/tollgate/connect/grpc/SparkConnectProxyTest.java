package io.tollgate.connect.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.tollgate.common.grpc.RawBytes;
import io.tollgate.connect.proto.AddArtifactsRequest;
import io.tollgate.connect.proto.AddArtifactsResponse;
import io.tollgate.connect.proto.AnalyzePlanRequest;
import io.tollgate.connect.proto.ArtifactStatusesRequest;
import io.tollgate.connect.proto.CloneSessionRequest;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ExecutePlanResponse;
import io.tollgate.connect.proto.FetchErrorDetailsRequest;
import io.tollgate.connect.proto.ReattachExecuteRequest;
import io.tollgate.connect.proto.ReleaseExecuteRequest;
import io.tollgate.connect.proto.ReleaseSessionRequest;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.proto.UserContext;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkBackendDouble;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls through the gateway reach the tenant's backend as the verified user, and come back as the backend answered. */
class SparkConnectProxyTest {
    private final SharedNeighbours shared = SharedNeighbours.get();
    private final String token = ConnectTokens.spark("alice", "acme");

    @Test
    void anExecutePlanStreamsBackAsTheVerifiedUserWithTheBackendTokenInsteadOfTheClients() {
        String session = SparkRequests.newSession();
        Iterator<ExecutePlanResponse> responses = shared.gateway.blocking("authorization", token)
                .executePlan(SparkRequests.execute(session, "rows:3"));
        List<ExecutePlanResponse> all = new ArrayList<>();
        responses.forEachRemaining(all::add);

        assertEquals(3, all.size());
        SparkBackendDouble.Received received = shared.backendA.receivedFor(session).get(0);
        assertEquals(UserContext.newBuilder().setUserId("alice@acme").setUserName("alice").build(), received.user(),
                "the claimed user and its extensions are replaced by the verified one");
        assertEquals("Bearer " + SharedNeighbours.ACME_BACKEND_TOKEN, received.authorization());
        assertNull(received.authentication());
        assertTrue(!received.operationId().isEmpty(), "the gateway gives the operation an id it can interrupt");
        assertEquals(received.operationId(), all.get(0).getOperationId());
    }

    @Test
    void keptCallersNeverLendOneCallersIdentityOrBackendToAnother() {
        // The gateway keeps each principal's caller between calls: interleaved, a same-named user
        // of another tenant and another user of the same tenant each stay themselves, on their own backend.
        String bob = ConnectTokens.spark("bob", "acme");
        String globexAlice = ConnectTokens.spark("alice", "globex");
        for (int round = 0; round < 5; round++) {
            for (String[] caller : new String[][] {{token, "alice@acme"}, {bob, "bob@acme"}, {globexAlice, "alice@globex"}}) {
                String session = SparkRequests.newSession();
                shared.gateway.blocking("authorization", caller[0]).config(ConfigRequest.newBuilder()
                        .setSessionId(session).setUserContext(SparkRequests.CLAIMED).build());
                SparkBackendDouble backend = caller[1].endsWith("@globex") ? shared.backendB : shared.backendA;
                SparkBackendDouble other = backend == shared.backendA ? shared.backendB : shared.backendA;
                assertEquals(caller[1], backend.receivedFor(session).get(0).user().getUserId());
                assertTrue(other.receivedFor(session).isEmpty(), caller[1] + " reached another tenant's backend");
            }
        }
    }

    @Test
    void theTokenInSparksAuthenticationHeaderIsAcceptedToo() {
        String session = SparkRequests.newSession();
        shared.gateway.blocking("authentication", token).config(ConfigRequest.newBuilder().setSessionId(session)
                .setUserContext(SparkRequests.CLAIMED).build());

        SparkBackendDouble.Received received = shared.backendA.receivedFor(session).get(0);
        assertEquals("alice@acme", received.user().getUserId());
        assertNull(received.authentication(), "the client's token never reaches Spark");
    }

    @Test
    void everyUnaryRpcOfSparkFourOneReachesTheBackendRewritten() {
        String session = SparkRequests.newSession();
        SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub = shared.gateway.blocking("authorization", token);
        stub.analyzePlan(AnalyzePlanRequest.newBuilder().setSessionId(session).setUserContext(SparkRequests.CLAIMED).build());
        stub.config(ConfigRequest.newBuilder().setSessionId(session).setUserContext(SparkRequests.CLAIMED).build());
        stub.artifactStatus(ArtifactStatusesRequest.newBuilder().setSessionId(session).setUserContext(SparkRequests.CLAIMED).build());
        stub.releaseExecute(ReleaseExecuteRequest.newBuilder().setSessionId(session).setOperationId(SparkRequests.newSession())
                .setUserContext(SparkRequests.CLAIMED).build());
        stub.fetchErrorDetails(FetchErrorDetailsRequest.newBuilder().setSessionId(session).setErrorId("e")
                .setUserContext(SparkRequests.CLAIMED).build());
        stub.cloneSession(CloneSessionRequest.newBuilder().setSessionId(session).setUserContext(SparkRequests.CLAIMED).build());
        stub.reattachExecute(ReattachExecuteRequest.newBuilder().setSessionId(session).setOperationId(SparkRequests.newSession())
                .setUserContext(SparkRequests.CLAIMED).build()).forEachRemaining(r -> { });
        stub.releaseSession(ReleaseSessionRequest.newBuilder().setSessionId(session).setUserContext(SparkRequests.CLAIMED).build());

        List<SparkBackendDouble.Received> received = shared.backendA.receivedFor(session);
        assertEquals(List.of("AnalyzePlan", "Config", "ArtifactStatus", "ReleaseExecute", "FetchErrorDetails",
                "CloneSession", "ReattachExecute", "ReleaseSession"), received.stream().map(SparkBackendDouble.Received::method).toList());
        received.forEach(r -> assertEquals("alice@acme", r.user().getUserId(), r.method()));
        received.forEach(r -> assertEquals(0, r.user().getExtensionsCount(), r.method()));
    }

    @Test
    void artifactsStreamThroughEachMessageRewritten() throws Exception {
        String session = SparkRequests.newSession();
        CompletableFuture<AddArtifactsResponse> done = new CompletableFuture<>();
        StreamObserver<AddArtifactsRequest> upload = shared.gateway.async(token).addArtifacts(observer(done));
        for (int i = 0; i < 3; i++) {
            upload.onNext(AddArtifactsRequest.newBuilder().setSessionId(session).setUserContext(SparkRequests.CLAIMED)
                    .setChunk(io.tollgate.connect.proto.AddArtifactsRequest.ArtifactChunk.newBuilder()
                            .setData(com.google.protobuf.ByteString.copyFromUtf8("chunk" + i))).build());
        }
        upload.onCompleted();

        assertEquals(session, done.get(10, TimeUnit.SECONDS).getSessionId());
        List<SparkBackendDouble.Received> received = shared.backendA.receivedFor(session);
        assertEquals(3, received.size());
        received.forEach(r -> assertEquals("alice@acme", r.user().getUserId()));
    }

    @Test
    void theClientsDeadlineTravelsToTheBackend() {
        String session = SparkRequests.newSession();
        shared.gateway.blocking("authorization", token).withDeadlineAfter(30, TimeUnit.SECONDS)
                .config(ConfigRequest.newBuilder().setSessionId(session).build());
        shared.gateway.blocking("authorization", token)
                .config(ConfigRequest.newBuilder().setSessionId(session).build());

        List<SparkBackendDouble.Received> received = shared.backendA.receivedFor(session);
        assertTrue(received.get(0).hadDeadline());
        assertTrue(!received.get(1).hadDeadline());
    }

    @Test
    void noneOfTheClientsHeadersReachesTheBackendButItsOwnTokenAndTheGatewaysTraceContext() {
        String session = SparkRequests.newSession();
        Metadata sent = ConnectGateway.bearer("authorization", token);
        sent.put(Metadata.Key.of("x-forwarded-user", Metadata.ASCII_STRING_MARSHALLER), "admin");
        sent.put(Metadata.Key.of("proxy-authorization", Metadata.ASCII_STRING_MARSHALLER), "Basic eDp5");
        sent.put(Metadata.Key.of("x-custom-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[]{1, 2});
        String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        sent.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), trace);

        SparkConnectServiceGrpc.newBlockingStub(shared.gateway.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent))
                .config(ConfigRequest.newBuilder().setSessionId(session).build());

        Metadata received = shared.backendA.receivedFor(session).get(0).headers();
        for (String name : List.of("x-forwarded-user", "proxy-authorization", "x-custom-bin", "authentication")) {
            assertTrue(!received.keys().contains(name), name + " reached the backend: " + received);
        }
        // The backend call's trace context is the gateway's own client span (a public door starts its
        // own trace), never the client's header passed on.
        assertNotEquals(trace, received.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER)));
        Iterable<String> authorization = received.getAll(
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
        List<String> tokens = new ArrayList<>();
        authorization.forEach(tokens::add);
        assertEquals(List.of("Bearer " + SharedNeighbours.ACME_BACKEND_TOKEN), tokens);
    }

    @Test
    void aMethodOutsideSparksServiceIsUnimplemented() {
        MethodDescriptor<byte[], byte[]> unknown = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("spark.connect.SparkConnectService/RunShellCommand")
                .setRequestMarshaller(RawBytes.INSTANCE).setResponseMarshaller(RawBytes.INSTANCE).build();
        var channel = io.grpc.ClientInterceptors.intercept(shared.gateway.channel(),
                MetadataUtils.newAttachHeadersInterceptor(
                        ConnectGateway.bearer("authorization", token)));

        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () ->
                ClientCalls.blockingUnaryCall(channel, unknown, io.grpc.CallOptions.DEFAULT, new byte[0]));
        assertEquals(Status.Code.UNIMPLEMENTED, error.getStatus().getCode());
    }

    @Test
    void aRequestWithoutSessionIdIsRefusedBeforeAnyBackendSeesIt() {
        int before = shared.backendA.received().size();
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> shared.gateway
                .blocking("authorization", token).config(ConfigRequest.newBuilder().build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode());
        assertEquals("the request has no session_id", error.getStatus().getDescription());
        Await.until(() -> shared.backendA.received().size() == before, Duration.ofSeconds(1), "no call reached the backend");
    }

    @Test
    void theSparkConnectPortAnswersGrpcHealthChecksOnceSynced() {
        assertEquals(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING,
                io.grpc.health.v1.HealthGrpc.newBlockingStub(shared.gateway.channel())
                        .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    static <T> StreamObserver<T> observer(CompletableFuture<T> done) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                done.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        };
    }
}
