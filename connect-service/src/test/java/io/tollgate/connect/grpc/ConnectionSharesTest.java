package io.tollgate.connect.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ConfigResponse;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkRequests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection's calls waiting for their new tokens to be checked take at most a few places of the
 * shared first-token pool: one more is refused as busy on that connection alone, and another
 * connection's call is still taken and admitted.
 */
class ConnectionSharesTest {
    private final SharedNeighbours shared = SharedNeighbours.get();

    @Test
    void aConnectionWithItsShareWaitingIsRefusedWhileAnotherConnectionsCallIsAdmitted() throws Exception {
        ManagedChannel flooding = shared.gateway.channel();
        ManagedChannel other = shared.gateway.channel();
        // Connected first, so that the calls below reach the gateway in the order they start.
        assertTrue(config(flooding, ConnectTokens.spark("mallory", "acme")).get(10, TimeUnit.SECONDS).isOk());
        List<CompletableFuture<Status>> waiting = new ArrayList<>();
        CompletableFuture<Status> otherCall;
        ConnectTokens.holdSlowKeys();
        try {
            for (int i = 0; i < ConnectionShares.WAITING_PER_CONNECTION; i++) {
                waiting.add(config(flooding, ConnectTokens.slow("mallory", "acme"))); // each a new token
            }
            Status oneMore = config(flooding, ConnectTokens.slow("mallory", "acme")).get(10, TimeUnit.SECONDS);
            assertEquals(Status.Code.UNAVAILABLE, oneMore.getCode());
            assertEquals(ConnectionShares.CONNECTION_BUSY, oneMore.getDescription());

            // Its check waits for a thread (the flooding connection's checks hold all four), but in the queue.
            otherCall = config(other, ConnectTokens.spark("oscar", "acme"));
        } finally {
            ConnectTokens.releaseSlowKeys();
        }
        assertTrue(otherCall.get(10, TimeUnit.SECONDS).isOk(), "the other connection's call is admitted");
        for (CompletableFuture<Status> call : waiting) {
            Status status = call.get(10, TimeUnit.SECONDS);
            assertNotEquals(ConnectionShares.CONNECTION_BUSY, status.getDescription());
            assertNotEquals(FirstSightChecks.BUSY, status.getDescription());
        }
        assertTrue(config(flooding, ConnectTokens.slow("mallory", "acme")).get(10, TimeUnit.SECONDS).isOk(),
                "its places given back once its calls were admitted");
    }

    private static CompletableFuture<Status> config(ManagedChannel channel, String token) {
        CompletableFuture<Status> closed = new CompletableFuture<>();
        SparkConnectServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(ConnectGateway.bearer("authorization", token)))
                .config(ConfigRequest.newBuilder().setSessionId(SparkRequests.newSession())
                        .setUserContext(SparkRequests.CLAIMED).build(), new StreamObserver<>() {
                            @Override
                            public void onNext(ConfigResponse response) {
                            }

                            @Override
                            public void onError(Throwable error) {
                                closed.complete(Status.fromThrowable(error));
                            }

                            @Override
                            public void onCompleted() {
                                closed.complete(Status.OK);
                            }
                        });
        return closed;
    }
}
