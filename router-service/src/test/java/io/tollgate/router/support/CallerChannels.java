package io.tollgate.router.support;

import io.grpc.ManagedChannel;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.tls.InternalCertificates;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test's channels to router-service's gRPC port, each presenting a named service's certificate,
 * closed together (after each test).
 */
public final class CallerChannels implements AutoCloseable {
    private final List<ManagedChannel> channels = new ArrayList<>();

    /** The tenant as {@code caller} is shown it. */
    public Tenant resolve(int port, String caller, String tenantId) {
        ManagedChannel channel = InternalCertificates.shared().channel(port, caller, "router-service");
        channels.add(channel);
        // A deadline bounds a call the server would leave hanging; no assertion depends on it.
        return RouterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(tenantId).build()).getTenant();
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        channels.clear();
    }
}
