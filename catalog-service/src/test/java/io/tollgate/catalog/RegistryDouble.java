package io.tollgate.catalog;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantSnapshot;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.testkit.tls.InternalCertificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC RouterService on a free port whose WatchTenants streams one fixed snapshot of
 * tenants: a stand-in for router-service's contract (our neighbour), not for any catalog code.
 * It serves with router-service's certificate and requires the caller's, as router-service does.
 */
final class RegistryDouble implements AutoCloseable {
    private final Server server;

    RegistryDouble(List<Tenant> tenants) {
        server = NettyServerBuilder.forPort(0)
                .sslContext(InternalCertificates.shared().serverContext("router-service"))
                .addService(new RouterServiceGrpc.RouterServiceImplBase() {
                    @Override
                    public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> response) {
                        // The stream stays open (no onCompleted), as router-service's does between changes.
                        response.onNext(WatchTenantsResponse.newBuilder().setRevision(1)
                                .setSnapshot(TenantSnapshot.newBuilder().addAllTenants(tenants)).build());
                    }
                }).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its address, for {@code grpc.channels.router.address}. */
    String address() {
        return "localhost:" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
