package io.tollgate.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A call served with a direct executor finds its connection's loop, and a channel built on it writes there. */
class EventLoopsTest {

    @Test
    void aThreadThatRunsNoEventLoopHasNone() {
        assertNull(EventLoops.current());
    }

    @Test
    void aCallOnGrpcNettysDefaultLoopsFindsItsLoopAndAChannelOnItAnswersThere() throws Exception {
        assumeTrue(Epoll.isAvailable(), "grpc-netty's default loops are epoll's only where epoll is available (Linux)");
        AtomicReference<EventLoop> servedOn = new AtomicReference<>();
        ServerInterceptor recordLoop = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                servedOn.set(EventLoops.current());
                return next.startCall(call, headers);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(new HealthStatusManager().getHealthService()).intercept(recordLoop).build().start();
        ManagedChannel client = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        ManagedChannel pinned = null;
        try {
            HealthGrpc.newBlockingStub(client).check(HealthCheckRequest.getDefaultInstance());
            EventLoop loop = servedOn.get();
            assertNotNull(loop, "the call ran on an epoll event loop of grpc-netty's default group");

            pinned = EventLoops.on(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext()
                    .directExecutor(), loop).build();
            CompletableFuture<Boolean> answeredOnLoop = new CompletableFuture<>();
            HealthGrpc.newStub(pinned).check(HealthCheckRequest.getDefaultInstance(), new io.grpc.stub.StreamObserver<>() {
                @Override
                public void onNext(io.grpc.health.v1.HealthCheckResponse response) {
                    answeredOnLoop.complete(loop.inEventLoop());
                }

                @Override
                public void onError(Throwable error) {
                    answeredOnLoop.completeExceptionally(error);
                }

                @Override
                public void onCompleted() {
                }
            });
            assertEquals(true, answeredOnLoop.get(10, TimeUnit.SECONDS), "the pinned channel's answer came on that loop");
        } finally {
            if (pinned != null) {
                pinned.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            client.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
