package io.tollgate.auth;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.tls.InternalCertificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC RouterService on a free port, answering ResolveTenant from a map the test controls:
 * a stand-in for router-service's contract (our neighbour), not for any of auth-service's code. It
 * serves with router-service's certificate and requires the caller's, as router-service does.
 */
public final class RouterDouble implements AutoCloseable {
    private final Map<String, TenantStatus> tenants = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Server server;

    private RouterDouble() {
        server = NettyServerBuilder.forPort(0)
                .sslContext(InternalCertificates.shared().serverContext("router-service"))
                .addService(new RouterServiceGrpc.RouterServiceImplBase() {
            @Override
            public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> response) {
                calls.computeIfAbsent(request.getTenantId(), t -> new AtomicInteger()).incrementAndGet();
                TenantStatus status = tenants.get(request.getTenantId());
                if (status == null) {
                    response.onError(Status.NOT_FOUND.withDescription("unknown tenant").asRuntimeException());
                    return;
                }
                response.onNext(ResolveTenantResponse.newBuilder().setTenant(Tenant.newBuilder()
                        .setId(request.getTenantId()).setDisplayName(request.getTenantId()).setStatus(status)).build());
                response.onCompleted();
            }
        }).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A router that knows these tenants as active. */
    public static RouterDouble withActiveTenants(String... tenantIds) {
        RouterDouble router = new RouterDouble();
        for (String tenantId : tenantIds) {
            router.set(tenantId, TenantStatus.TENANT_STATUS_ACTIVE);
        }
        return router;
    }

    public void set(String tenantId, TenantStatus status) {
        tenants.put(tenantId, status);
    }

    /** Its address, for {@code grpc.channels.router.address}. */
    public String address() {
        return "localhost:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** How many times ResolveTenant was asked about this tenant. */
    public int resolveCalls(String tenantId) {
        AtomicInteger count = calls.get(tenantId);
        return count == null ? 0 : count.get();
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
