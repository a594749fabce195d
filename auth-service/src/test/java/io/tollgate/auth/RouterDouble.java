package io.tollgate.auth;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantSnapshot;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.service.NeighbourServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real gRPC RouterService on a free port, streaming WatchTenants (a snapshot, then each change)
 * from a map the test controls: a stand-in for router-service's contract (our neighbour), not for
 * any of auth-service's code. A change returns once every replica that {@link #follow follows}
 * this router has applied it, so a test's next login sees it.
 * It serves with router-service's certificate and requires the caller's, as router-service does.
 */
public final class RouterDouble implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Map<String, TenantStatus> tenants = new ConcurrentHashMap<>();
    private final List<StreamObserver<WatchTenantsResponse>> watchers = new CopyOnWriteArrayList<>();
    private final List<TenantDirectory> followers = new CopyOnWriteArrayList<>();
    private final NeighbourServer server;
    private long revision = 1;

    private RouterDouble() {
        server = NeighbourServer.start("router-service", new RouterServiceGrpc.RouterServiceImplBase() {
            @Override
            public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> response) {
                ((ServerCallStreamObserver<WatchTenantsResponse>) response).setOnCancelHandler(() -> watchers.remove(response));
                synchronized (RouterDouble.this) {
                    TenantSnapshot.Builder snapshot = TenantSnapshot.newBuilder();
                    tenants.forEach((id, status) -> snapshot.addTenants(tenant(id, status)));
                    response.onNext(WatchTenantsResponse.newBuilder().setRevision(revision).setSnapshot(snapshot).build());
                    watchers.add(response);
                }
            }
        });
    }

    private Tenant tenant(String id, TenantStatus status) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(status).setRevision(revision).build();
    }

    /** A router that knows these tenants as active. */
    public static RouterDouble withActiveTenants(String... tenantIds) {
        RouterDouble router = new RouterDouble();
        for (String tenantId : tenantIds) {
            router.tenants.put(tenantId, TenantStatus.TENANT_STATUS_ACTIVE);
        }
        return router;
    }

    /** Sets a tenant's status, streams the change and waits until every follower has applied it. */
    public void set(String tenantId, TenantStatus status) {
        long applied;
        synchronized (this) {
            tenants.put(tenantId, status);
            applied = ++revision;
            WatchTenantsResponse change = WatchTenantsResponse.newBuilder().setRevision(applied)
                    .setUpserted(tenant(tenantId, status)).build();
            watchers.forEach(watcher -> watcher.onNext(change));
        }
        for (TenantDirectory follower : followers) {
            Await.until(() -> follower.revision() >= applied, WAIT, "a replica did not apply revision " + applied);
        }
    }

    /** Makes {@link #set} wait for this replica's directory, once it has the first snapshot. */
    void follow(TenantDirectory directory) {
        Await.until(directory::synced, WAIT, "a replica did not receive the tenant registry");
        followers.add(directory);
    }

    /** Its address, for {@code grpc.channels.router.address}. */
    public String address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
