package io.tollgate.common.grpc;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Deadline;
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

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configured deadline reaches the server on unary calls that set none, and never on streams. */
class UnaryDeadlineTest {
    private final AtomicReference<Optional<Deadline>> seen = new AtomicReference<>();
    private Server server;
    private ManagedChannel connection;
    private Channel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(new RouterServiceGrpc.RouterServiceImplBase() {
                    @Override
                    public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> out) {
                        seen.set(Optional.ofNullable(Context.current().getDeadline()));
                        out.onNext(ResolveTenantResponse.getDefaultInstance());
                        out.onCompleted();
                    }

                    @Override
                    public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> out) {
                        seen.set(Optional.ofNullable(Context.current().getDeadline()));
                        out.onCompleted();
                    }
                }).build().start();
        connection = InProcessChannelBuilder.forName(name).directExecutor().build();
        channel = ClientInterceptors.intercept(connection, new UnaryDeadline(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        connection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aUnaryCallWithoutADeadlineGetsTheConfiguredOne() {
        RouterServiceGrpc.newBlockingStub(channel).resolveTenant(ResolveTenantRequest.getDefaultInstance());

        Deadline deadline = seen.get().orElseThrow();
        assertTrue(deadline.timeRemaining(TimeUnit.MILLISECONDS) <= 5_000, deadline.toString());
    }

    @Test
    void aUnaryCallKeepsADeadlineOfItsOwn() {
        RouterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.HOURS)
                .resolveTenant(ResolveTenantRequest.getDefaultInstance());

        assertTrue(seen.get().orElseThrow().timeRemaining(TimeUnit.MINUTES) > 5);
    }

    @Test
    void aServerStreamGetsNoDeadline() {
        RouterServiceGrpc.newBlockingStub(channel).watchTenants(WatchTenantsRequest.getDefaultInstance())
                .forEachRemaining(message -> { });

        assertEquals(Optional.empty(), seen.get());
    }

    @Test
    void aDeadlineMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new UnaryDeadline(Duration.ZERO));
    }
}
