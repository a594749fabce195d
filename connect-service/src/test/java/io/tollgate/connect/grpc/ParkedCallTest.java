package io.tollgate.connect.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.connect.proto.AddArtifactsRequest;
import io.tollgate.connect.proto.AddArtifactsResponse;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls opened with headers only and their first request held back: the token is checked again
 * when the request comes, and a call that never sends one does not stay open.
 */
class ParkedCallTest {
    private final SharedNeighbours shared = SharedNeighbours.get();

    /**
     * A call whose headers are sent now and whose request is sent by {@link #send}. AddArtifacts,
     * a client-streaming RPC: grpc-java flushes its headers at once (a unary or server-streaming
     * call's go out with its request; a hostile client need not wait).
     */
    private final class Parked extends ClientCall.Listener<AddArtifactsResponse> {
        final CompletableFuture<Status> ended = new CompletableFuture<>();
        final ClientCall<AddArtifactsRequest, AddArtifactsResponse> call;

        Parked(String token) {
            call = shared.gateway.channel().newCall(SparkConnectServiceGrpc.getAddArtifactsMethod(), CallOptions.DEFAULT);
            call.start(this, ConnectGateway.bearer("authorization", token));
            call.request(1);
        }

        void send(String session) {
            call.sendMessage(AddArtifactsRequest.newBuilder().setSessionId(session).build());
            call.halfClose();
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            ended.complete(status);
        }
    }

    @Test
    void aRequestSentAfterItsTokenExpiredIsRefusedAndNeverReachesTheBackend() throws Exception {
        Instant expiry = Instant.now().plusSeconds(2);
        Parked parked = new Parked(ConnectTokens.sparkExpiringAt("alice", "acme", expiry));
        Await.until(() -> Instant.now().isAfter(expiry.plusMillis(500)), Duration.ofSeconds(5), "the token expires");
        String session = SparkRequests.newSession();

        parked.send(session);

        Status status = parked.ended.get(10, TimeUnit.SECONDS);
        assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
        assertEquals("invalid credentials", status.getDescription());
        assertTrue(shared.backendA.receivedFor(session).isEmpty(), "the backend received nothing");
    }

    @Test
    void aCallParkedWhenItsTokenIsRevokedIsEndedAndItsRequestNeverReachesTheBackend() throws Exception {
        String token = ConnectTokens.spark("carol", "revoked");
        Parked parked = new Parked(token);
        String session = SparkRequests.newSession();

        RevocationSet known = shared.gateway.bean(RevocationSet.class);
        int before = known.size();
        shared.revocations.revokeToken(ConnectTokens.idOf(token));
        Await.until(() -> known.size() > before, Duration.ofSeconds(10), "the gateway hears of the revocation");
        parked.send(session);

        Status status = parked.ended.get(10, TimeUnit.SECONDS);
        assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
        assertEquals("invalid credentials", status.getDescription());
        assertTrue(shared.backendC.receivedFor(session).isEmpty(), "the backend received nothing");
    }

    @Test
    void aCallThatSendsNoRequestIsClosedAfterTheFirstRequestTimeout() throws Exception {
        Parked parked = new Parked(ConnectTokens.spark("bob", "acme"));

        Status status = parked.ended.get(30, TimeUnit.SECONDS);

        assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode());
        assertEquals("no request within the first-request timeout", status.getDescription());
    }
}
