package io.tollgate.common.lifecycle;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call is work to drain from the moment the server takes it until it is answered or cancelled;
 * a Watch stream never is (the drain cuts it, and its caller reconnects elsewhere).
 */
class InFlightCallsTest {
    private final InFlightCalls inFlight = new InFlightCalls();
    private final CountDownLatch received = new CountDownLatch(1);
    private volatile StreamObserver<ResolveTenantResponse> unanswered;
    private String name;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        name = UUID.randomUUID().toString();
        server = InProcessServerBuilder.forName(name).addService(new HeldRouter()).intercept(inFlight).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aCallIsInFlightUntilItIsAnswered() throws Exception {
        RouterServiceGrpc.newStub(channel).resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("acme").build(),
                new Ignored<>());
        assertTrue(received.await(10, TimeUnit.SECONDS), "the server took the call");
        assertEquals(1, inFlight.count());
        assertFalse(inFlight.awaitNone(Instant.now()), "not idle while the call is unanswered");

        unanswered.onNext(ResolveTenantResponse.getDefaultInstance());
        unanswered.onCompleted();
        assertTrue(inFlight.awaitNone(Instant.now().plusSeconds(10)), "idle once it is answered");
        assertEquals(0, inFlight.count());
    }

    @Test
    void aCancelledCallIsNoLongerInFlight() throws Exception {
        ManagedChannel other = InProcessChannelBuilder.forName(name).build();
        RouterServiceGrpc.newStub(other).resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("acme").build(),
                new Ignored<>());
        assertTrue(received.await(10, TimeUnit.SECONDS), "the server took the call");
        other.shutdownNow();
        assertTrue(inFlight.awaitNone(Instant.now().plusSeconds(10)), "idle once the caller went away");
    }

    @Test
    void aWatchStreamIsNotWorkToWaitFor() throws Exception {
        RouterServiceGrpc.newStub(channel).watchTenants(WatchTenantsRequest.getDefaultInstance(), new Ignored<>());
        assertTrue(received.await(10, TimeUnit.SECONDS), "the server took the stream");
        assertEquals(0, inFlight.count());
        assertTrue(inFlight.awaitNone(Instant.now()), "idle though the stream stays open");
    }

    /** Leaves each call for the test to answer; never ends a watch. */
    private final class HeldRouter extends RouterServiceGrpc.RouterServiceImplBase {
        @Override
        public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> response) {
            unanswered = response;
            received.countDown();
        }

        @Override
        public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> response) {
            received.countDown();
        }
    }

    private static final class Ignored<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
