package io.tollgate.connect.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.tollgate.common.lifecycle.InFlightCalls;
import io.tollgate.common.lifecycle.ServiceDrain;
import io.tollgate.connect.proto.AddArtifactsRequest;
import io.tollgate.connect.proto.AddArtifactsResponse;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Draining (what SIGTERM starts, common's lifecycle) refuses new Spark Connect calls at once and
 * lets the calls in flight finish: an artifact upload held open by its client completes and is
 * answered after the drain began, and the drain then reports that nothing was cut. A gateway of its
 * own, on the shared neighbours, since a drain stops it.
 */
class ConnectDrainTest {
    private final SharedNeighbours shared = SharedNeighbours.get();
    private final String token = ConnectTokens.spark("alice", "acme");

    @Test
    void aDrainRefusesNewCallsAndLetsAnUploadInFlightFinish() throws Exception {
        Map<String, Object> properties = ConnectGateway.properties(shared.registry, shared.revocations);
        properties.put("tollgate.shutdown.drain-period", "30s");
        try (ConnectGateway gateway = ConnectGateway.start(properties)) {
            String session = SparkRequests.newSession();
            CompletableFuture<AddArtifactsResponse> answered = new CompletableFuture<>();
            StreamObserver<AddArtifactsRequest> upload = gateway.async(token).addArtifacts(SparkConnectProxyTest.observer(answered));
            upload.onNext(chunk(session, "first"));
            InFlightCalls inFlight = gateway.bean(InFlightCalls.class);
            Await.until(() -> inFlight.count() == 1, Duration.ofSeconds(10), "the upload is in flight");

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return gateway.bean(ServiceDrain.class).drain();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            Await.until(() -> refused(gateway), Duration.ofSeconds(10), "a new call is refused while draining");

            upload.onNext(chunk(session, "second"));
            upload.onCompleted();
            assertEquals(session, answered.get(10, TimeUnit.SECONDS).getSessionId(), "the upload in flight was answered");
            assertTrue(drained.get(30, TimeUnit.SECONDS), "the drain finished with nothing cut");
            assertEquals(2, shared.backendA.receivedFor(session).size(), "both chunks reached the backend");
        }
    }

    private boolean refused(ConnectGateway gateway) {
        try {
            gateway.blocking("authorization", token).config(ConfigRequest.newBuilder()
                    .setSessionId(SparkRequests.newSession()).build());
            return false;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() == Status.Code.UNAVAILABLE;
        }
    }

    private static AddArtifactsRequest chunk(String session, String data) {
        return AddArtifactsRequest.newBuilder().setSessionId(session)
                .setChunk(AddArtifactsRequest.ArtifactChunk.newBuilder().setData(ByteString.copyFromUtf8(data))).build();
    }
}
