package io.tollgate.connect.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ExecutePlanRequest;
import io.tollgate.connect.proto.ExecutePlanResponse;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.session.OpenCalls;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call whose token the gateway sees for the first time is admitted off the transport's thread
 * (SparkConnectProxy): it reaches its backend as the verified user like any other, whatever the
 * client sent while it waited, and a client gone meanwhile leaves nothing open.
 */
class FirstSightAdmissionTest {
    private final SharedNeighbours shared = SharedNeighbours.get();
    private final TokenVerifier verifier = shared.gateway.bean(TokenVerifier.class);

    @Test
    void aTokenSeenForTheFirstTimeIsVerifiedAndItsCallsReachTheBackendAsTheVerifiedUser() {
        String token = ConnectTokens.spark("grace", "acme");
        String session = SparkRequests.newSession();
        assertFalse(verifier.answersWithoutKeys(token));

        shared.gateway.blocking("authorization", token).config(ConfigRequest.newBuilder().setSessionId(session)
                .setUserContext(SparkRequests.CLAIMED).build());
        assertTrue(verifier.answersWithoutKeys(token), "verified once, then answered from memory");
        shared.gateway.blocking("authorization", token).config(ConfigRequest.newBuilder().setSessionId(session)
                .setUserContext(SparkRequests.CLAIMED).build());

        List<String> users = shared.backendA.receivedFor(session).stream().map(r -> r.user().getUserId()).toList();
        assertEquals(List.of("grace@acme", "grace@acme"), users, "the first call (admitted off the transport) and the next");
    }

    @Test
    void aStreamWhoseRequestAndHalfCloseArriveWhileItsCallerIsAdmittedStreamsWhole() throws Exception {
        String session = SparkRequests.newSession();
        List<ExecutePlanResponse> responses = new CopyOnWriteArrayList<>();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<ExecutePlanRequest, ExecutePlanResponse> call = channel(ConnectTokens.spark("heidi", "acme"))
                .newCall(SparkConnectServiceGrpc.getExecutePlanMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(ExecutePlanResponse message) {
                responses.add(message);
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(1);
        // All at once, before the gateway can have verified the token.
        call.sendMessage(SparkRequests.execute(session, "rows:3"));
        call.halfClose();

        assertTrue(closed.get(10, TimeUnit.SECONDS).isOk());
        assertEquals(3, responses.size());
        assertEquals("heidi@acme", shared.backendA.receivedFor(session).get(0).user().getUserId());
    }

    @Test
    void aClientGoneWhileItsCallerIsAdmittedLeavesNoCallOpen() throws Exception {
        OpenCalls open = shared.gateway.bean(OpenCalls.class);
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<ExecutePlanRequest, ExecutePlanResponse> call = channel(ConnectTokens.spark("ivan", "acme"))
                .newCall(SparkConnectServiceGrpc.getExecutePlanMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.cancel("the client gives up at once", null);

        assertEquals(Status.Code.CANCELLED, closed.get(10, TimeUnit.SECONDS).getCode());
        // Other test classes share the gateway: the call is found by its caller, not by a count.
        Await.until(() -> open.openFor("ivan@acme") == 0,
                Duration.ofSeconds(10), "the cancelled call's slot given back");
    }

    private io.grpc.Channel channel(String token) {
        return ClientInterceptors.intercept(shared.gateway.channel(),
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(ConnectGateway.bearer("authorization", token)));
    }
}
