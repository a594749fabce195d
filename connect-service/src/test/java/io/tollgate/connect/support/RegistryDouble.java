package io.tollgate.connect.support;

import io.grpc.stub.StreamObserver;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantSnapshot;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.testkit.service.NeighbourServer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * router-service's WatchTenants contract played by a real gRPC server with router-service's
 * certificate: a snapshot of tenants, then each change a test makes. (testkit is getting one
 * registry double for every module; this one goes when it lands.)
 */
public final class RegistryDouble implements AutoCloseable {
    private final NeighbourServer server;
    private final List<StreamObserver<WatchTenantsResponse>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicLong revision = new AtomicLong(1);
    private volatile List<Tenant> tenants;

    public RegistryDouble(List<Tenant> initial) {
        this.tenants = List.copyOf(initial);
        server = NeighbourServer.start("router-service", new RouterServiceGrpc.RouterServiceImplBase() {
            @Override
            public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> response) {
                synchronized (watchers) {
                    response.onNext(WatchTenantsResponse.newBuilder().setRevision(revision.get())
                            .setSnapshot(TenantSnapshot.newBuilder().addAllTenants(tenants)).build());
                    watchers.add(response);
                }
            }
        });
    }

    /** Streams a tenant's new entry to every watcher; returns the revision it carries. */
    public long upsert(Tenant tenant) {
        synchronized (watchers) {
            long next = revision.incrementAndGet();
            for (StreamObserver<WatchTenantsResponse> watcher : watchers) {
                try {
                    watcher.onNext(WatchTenantsResponse.newBuilder().setRevision(next)
                            .setUpserted(tenant.toBuilder().setRevision(next)).build());
                } catch (RuntimeException gone) {
                    watchers.remove(watcher);
                }
            }
            return next;
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
