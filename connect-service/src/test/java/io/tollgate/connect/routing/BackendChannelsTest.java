package io.tollgate.connect.routing;

import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.tollgate.common.tracing.InternalCallTracing;
import io.tollgate.common.tracing.Tracing;
import io.tollgate.common.tracing.TracingConfig;
import io.tollgate.common.tracing.TracingFactory;
import io.tollgate.connect.config.ConnectConfig;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ConfigResponse;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.support.SparkBackendDouble;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The pool keeps at most its limit of channels live, and a retired channel serves its calls to their end. */
class BackendChannelsTest {
    private static ConnectConfig config(int maxChannels) {
        return new ConnectConfig("127.0.0.1", 0, true, 1 << 20, 1, 1, 1, Duration.ofHours(1), maxChannels,
                Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(20),
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(5), 32, List.of());
    }

    private static SparkBackend backend(String endpoint) {
        return new SparkBackend(endpoint, false, "", "");
    }

    @Test
    void theLeastRecentlyUsedChannelIsRetiredButClosesOnlyWhenItsLastCallEnds() throws Exception {
        Tracing tracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(), "connect-service");
        BackendChannels channels = new BackendChannels(config(2), new InternalCallTracing(tracing));
        try {
            BackendChannels.Lease first = channels.lease(backend("127.0.0.1:1"));
            channels.lease(backend("127.0.0.1:2")).close();
            BackendChannels.Lease third = channels.lease(backend("127.0.0.1:3"));

            // The first channel is beyond the limit but still has a call: it drains, not closes.
            assertEquals(3, channels.openChannels());
            assertTrue(!((io.grpc.ManagedChannel) first.channel()).isShutdown());
            first.close();
            assertTrue(((io.grpc.ManagedChannel) first.channel()).isShutdown());

            BackendChannels.Lease again = channels.lease(backend("127.0.0.1:3"));
            assertSame(third.channel(), again.channel(), "a live channel is shared by its backend's calls");
        } finally {
            channels.close();
            tracing.close();
        }
    }

    @Test
    void aHostNamedLikeAResolverSchemeIsStillAHostName() throws Exception {
        Tracing tracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(), "connect-service");
        BackendChannels channels = new BackendChannels(config(2), new InternalCallTracing(tracing));
        try (BackendChannels.Lease lease = channels.lease(backend("unix:15002"))) {
            assertEquals("unix:15002", lease.channel().authority());
        } finally {
            channels.close();
        }
    }

    /**
     * The proxy leases a backend's channel on the client connection's event loop: the backend's
     * answers must then arrive on that same thread, so forwarding them wakes no other.
     */
    @Test
    void aChannelLeasedOnAnEventLoopAnswersOnThatEventLoop() throws Exception {
        assumeTrue(Epoll.isAvailable(), "pinning is done only where grpc-netty's event loops are epoll's");
        Tracing tracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(), "connect-service");
        BackendChannels channels = new BackendChannels(config(8), new InternalCallTracing(tracing));
        EventLoopGroup transports = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        try (SparkBackendDouble spark = new SparkBackendDouble("spark-a")) {
            EventLoop one = transports.next();
            EventLoop other = transports.next();
            SparkBackend backend = backend(spark.endpoint());
            BackendChannels.Lease onOne = one.submit(() -> channels.lease(backend)).get(10, TimeUnit.SECONDS);
            BackendChannels.Lease onOneAgain = one.submit(() -> channels.lease(backend)).get(10, TimeUnit.SECONDS);
            BackendChannels.Lease onOther = other.submit(() -> channels.lease(backend)).get(10, TimeUnit.SECONDS);
            BackendChannels.Lease elsewhere = channels.lease(backend);

            assertSame(onOne.channel(), onOneAgain.channel(), "one channel per backend and event loop, shared by its calls");
            assertNotSame(onOne.channel(), onOther.channel());
            assertNotSame(onOne.channel(), elsewhere.channel(), "a thread that is no event loop gets grpc-netty's choice");
            assertEquals(3, channels.openChannels());
            assertTrue(answeredOn(onOne, one), "the answer came on the event loop the channel was leased on");
            assertTrue(answeredOn(onOther, other));
        } finally {
            channels.close();
            transports.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
            tracing.close();
        }
    }

    /** Whether a Config call through the lease is answered on {@code loop}'s thread. */
    private static boolean answeredOn(BackendChannels.Lease lease, EventLoop loop) throws Exception {
        CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
        SparkConnectServiceGrpc.newStub(lease.channel()).config(ConfigRequest.newBuilder().setSessionId("s-1").build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(ConfigResponse response) {
                        onLoop.complete(loop.inEventLoop());
                    }

                    @Override
                    public void onError(Throwable error) {
                        onLoop.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        return onLoop.get(10, TimeUnit.SECONDS);
    }
}
