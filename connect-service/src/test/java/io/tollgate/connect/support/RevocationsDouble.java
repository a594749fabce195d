package io.tollgate.connect.support;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.Revocation;
import io.tollgate.proto.auth.v1.RevocationTarget;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import io.tollgate.testkit.service.NeighbourServer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * auth-service's WatchRevocations contract played by a real gRPC server with auth-service's
 * certificate: caught up at once, then each revocation a test makes, as auth-service streams them.
 */
public final class RevocationsDouble implements AutoCloseable {
    private final NeighbourServer server;
    private final List<StreamObserver<WatchRevocationsResponse>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    public RevocationsDouble() {
        server = NeighbourServer.start("auth-service", new AuthServiceGrpc.AuthServiceImplBase() {
            @Override
            public void watchRevocations(WatchRevocationsRequest request,
                                         StreamObserver<WatchRevocationsResponse> response) {
                response.onNext(WatchRevocationsResponse.newBuilder().setCaughtUp(true).build());
                watchers.add(response);
            }
        });
    }

    /** Revokes one token by its id. */
    public void revokeToken(String token) {
        publish(RevocationTarget.newBuilder().setTokenId(ConnectTokens.idOf(token)).build());
    }

    private void publish(RevocationTarget target) {
        Instant now = Instant.now();
        Revocation revocation = Revocation.newBuilder().setSequence(sequence.incrementAndGet()).setTarget(target)
                .setRevokedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setExpiresAt(Timestamp.newBuilder().setSeconds(now.plus(Duration.ofHours(1)).getEpochSecond()))
                .build();
        for (StreamObserver<WatchRevocationsResponse> watcher : watchers) {
            try {
                watcher.onNext(WatchRevocationsResponse.newBuilder().addRevocations(revocation).build());
            } catch (RuntimeException gone) {
                watchers.remove(watcher);
            }
        }
    }

    public String address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
