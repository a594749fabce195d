package io.tollgate.catalog;

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
 * A real gRPC RouterService whose WatchTenants streams a snapshot of tenants, then each change a
 * test makes ({@link #upsert}): a stand-in for router-service's contract (our neighbour), not for
 * any catalog code. It serves with router-service's certificate and requires the caller's, as
 * router-service does.
 */
final class RegistryDouble implements AutoCloseable {
    private final NeighbourServer server;
    private final List<StreamObserver<WatchTenantsResponse>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicLong revision = new AtomicLong(1);

    RegistryDouble(List<Tenant> tenants) {
        server = NeighbourServer.start("router-service", new RouterServiceGrpc.RouterServiceImplBase() {
            @Override
            public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> response) {
                // The stream stays open (no onCompleted), as router-service's does between changes.
                synchronized (watchers) {
                    response.onNext(WatchTenantsResponse.newBuilder().setRevision(1)
                            .setSnapshot(TenantSnapshot.newBuilder().addAllTenants(tenants)).build());
                    watchers.add(response);
                }
            }
        });
    }

    /** Streams one tenant's new entry to every watcher, as router-service does when a tenant changes. */
    void upsert(Tenant tenant) {
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
        }
    }

    /** Its address, for {@code grpc.channels.router.address}. */
    String address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
