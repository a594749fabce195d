package io.tollgate.common.grpc.server;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tollgate.common.tls.InternalTls;
import io.tollgate.common.tls.InternalTlsConfig;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Under the development switch ({@code tollgate.internal-tls.enabled=false}) a caller is trusted as
 * any service (the router would show it every backend password), so only callers on this host are
 * served: a peer that is not on a loopback address is refused before any endpoint runs.
 */
class DevelopmentSwitchTest {
    private final CallerAuthorization authorization =
            new CallerAuthorization(new InternalTls(new InternalTlsConfig(false, null, null, null)), null);
    /** Answers with the caller the interceptor named, as the tenant's id. */
    private final ServerServiceDefinition router = ServerInterceptors.intercept(
            new RouterServiceGrpc.RouterServiceImplBase() {
                @Override
                public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> out) {
                    out.onNext(ResolveTenantResponse.newBuilder().setTenant(Tenant.newBuilder()
                            .setId(CallingService.current().orElse("nobody"))).build());
                    out.onCompleted();
                }
            }, authorization);
    private final List<Server> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallerOnThisHostIsServedAsTheDevelopmentCaller() throws IOException {
        Server server = started(NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).addService(router));
        ManagedChannel channel = opened(NettyChannelBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort())).usePlaintext());

        assertEquals(CallingService.DEVELOPMENT, resolve(channel).getTenant().getId());
    }

    @Test
    void aCallerThatIsNotOnALoopbackAddressIsRefused() throws IOException {
        // The in-process transport's peer has no IP address at all: certainly not this host's loopback.
        String name = "development-switch-" + UUID.randomUUID();
        started(InProcessServerBuilder.forName(name).addService(router));
        ManagedChannel channel = opened(InProcessChannelBuilder.forName(name));

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> resolve(channel));

        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), refused::toString);
    }

    private static ResolveTenantResponse resolve(ManagedChannel channel) {
        return RouterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("acme").build());
    }

    private Server started(io.grpc.ServerBuilder<?> builder) throws IOException {
        Server server = builder.build().start();
        servers.add(server);
        return server;
    }

    private ManagedChannel opened(io.grpc.ManagedChannelBuilder<?> builder) {
        ManagedChannel channel = builder.build();
        channels.add(channel);
        return channel;
    }
}
