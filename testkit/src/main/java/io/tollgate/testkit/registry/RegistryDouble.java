package io.tollgate.testkit.registry;

import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
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
import io.tollgate.testkit.service.OpenStreams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * router-service's tenant registry for a service under test: a real gRPC RouterService on a
 * loopback port, serving as router-service (its certificate, the caller's required), whose
 * WatchTenants streams a snapshot of the registry, then each change a test makes, as
 * router-service does. The double keeps the contract's revisions: it stamps every change with
 * the next registry revision (strictly increasing; a tenant's {@code revision} is the one at which
 * it last changed), and a watcher that joins later gets the registry as it is now. A reconnecting
 * caller's {@code after_revision} is answered with a snapshot, which the contract allows.
 * <p>
 * A change returns once every {@link TenantDirectory} that {@link #follow follows} this registry
 * has applied it, so the test's next call is served on the new entry. Each caller is sent the
 * tenants as the test wrote them: a test gives a service the view router-service would give it.
 */
public final class RegistryDouble implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Guarded by {@code this}: the registry and its revision change together, as each change is sent. */
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private long revision;
    private final OpenStreams<WatchTenantsResponse> watchers = new OpenStreams<>();
    private final List<TenantDirectory> followers = new CopyOnWriteArrayList<>();
    private final NeighbourServer server;

    private RegistryDouble(List<Tenant> initial, List<ServerInterceptor> interceptors) {
        // Each tenant as registered one after another, as router-service's own revisions would be.
        initial.forEach(this::store);
        RouterServiceGrpc.RouterServiceImplBase service = new RouterServiceGrpc.RouterServiceImplBase() {
            @Override
            public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> response) {
                watch(response);
            }
        };
        server = NeighbourServer.start("router-service",
                () -> ServerInterceptors.intercept(service, interceptors));
    }

    /** A registry holding these tenants (each stamped with its own revision, in this order). */
    public static RegistryDouble serving(List<Tenant> tenants) {
        return new RegistryDouble(tenants, List.of());
    }

    /** The same, serving behind these interceptors (e.g. router-service's tracing). */
    public static RegistryDouble serving(List<Tenant> tenants, List<ServerInterceptor> interceptors) {
        return new RegistryDouble(tenants, interceptors);
    }

    /** A registry holding these tenants as active, each named by its id and carrying nothing else. */
    public static RegistryDouble withActiveTenants(String... tenantIds) {
        List<Tenant> tenants = new ArrayList<>();
        for (String tenantId : tenantIds) {
            tenants.add(Tenant.newBuilder().setId(tenantId).setDisplayName(tenantId)
                    .setStatus(TenantStatus.TENANT_STATUS_ACTIVE).build());
        }
        return serving(tenants);
    }

    /**
     * Creates or replaces a tenant at the next revision, streams the change to every watcher and
     * waits until every follower has applied it; returns that revision.
     */
    public long upsert(Tenant tenant) {
        long applied;
        synchronized (this) {
            applied = publish(tenant);
        }
        awaitFollowers(applied);
        return applied;
    }

    /**
     * Sets a tenant's status (a tenant unknown until now is registered with only its id and
     * display name), as {@link #upsert} does.
     */
    public long setStatus(String tenantId, TenantStatus status) {
        long applied;
        synchronized (this) {
            Tenant current = tenants.getOrDefault(tenantId,
                    Tenant.newBuilder().setId(tenantId).setDisplayName(tenantId).build());
            applied = publish(current.toBuilder().setStatus(status).build());
        }
        awaitFollowers(applied);
        return applied;
    }

    /**
     * Waits until {@code directory} (a started service's copy of the registry) has the first
     * snapshot, then makes every later change wait until it has applied that change too.
     */
    public void follow(TenantDirectory directory) {
        long current;
        synchronized (this) {
            current = revision;
        }
        Await.until(() -> directory.synced() && directory.revision() >= current, WAIT,
                "a service did not receive the tenant registry");
        followers.add(directory);
    }

    /** Its address, for {@code grpc.channels.router.address}. */
    public String address() {
        return server.address();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private Tenant store(Tenant tenant) {
        Tenant stored = tenant.toBuilder().setRevision(++revision).build();
        tenants.put(stored.getId(), stored);
        return stored;
    }

    /** Stores the change at the next revision and sends it to every watcher; the caller holds the lock. */
    private long publish(Tenant tenant) {
        Tenant stored = store(tenant);
        watchers.sendToAll(WatchTenantsResponse.newBuilder().setRevision(revision).setUpserted(stored).build());
        return revision;
    }

    private synchronized void watch(StreamObserver<WatchTenantsResponse> response) {
        // Under the lock, so that the snapshot is of the revision the next change follows.
        watchers.open(response, WatchTenantsResponse.newBuilder().setRevision(revision)
                .setSnapshot(TenantSnapshot.newBuilder().addAllTenants(tenants.values())).build());
    }

    private void awaitFollowers(long applied) {
        for (TenantDirectory follower : followers) {
            Await.until(() -> follower.revision() >= applied, WAIT, "a service did not apply revision " + applied);
        }
    }
}
