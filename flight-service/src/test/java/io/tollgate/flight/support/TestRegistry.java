package io.tollgate.flight.support;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantSnapshot;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two gRPC services flight-service consumes, served from test data: router-service's tenant
 * registry (a snapshot of the given tenants, then whatever a test publishes) and auth-service's
 * revocation stream (caught up, nothing revoked). Real gRPC implementations of the contracts, not
 * stand-ins for flight-service's own classes.
 */
final class TestRegistry {
    private TestRegistry() {
    }

    /** A registry whose tenants a test can change, as an administrator would through router-service. */
    static final class Router extends RouterServiceGrpc.RouterServiceImplBase {
        private final Map<String, Tenant> byId = new ConcurrentHashMap<>();
        private final List<StreamObserver<WatchTenantsResponse>> watchers = new CopyOnWriteArrayList<>();
        private long revision;

        Router(List<Tenant> tenants) {
            tenants.forEach(t -> byId.put(t.getId(), t));
            revision = tenants.stream().mapToLong(Tenant::getRevision).max().orElse(1);
        }

        @Override
        public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> response) {
            Tenant tenant = byId.get(request.getTenantId());
            if (tenant == null) {
                response.onError(Status.NOT_FOUND.asRuntimeException());
                return;
            }
            response.onNext(ResolveTenantResponse.newBuilder().setTenant(tenant).build());
            response.onCompleted();
        }

        @Override
        public synchronized void watchTenants(WatchTenantsRequest request,
                                              StreamObserver<WatchTenantsResponse> response) {
            response.onNext(WatchTenantsResponse.newBuilder().setRevision(revision)
                    .setSnapshot(TenantSnapshot.newBuilder().addAllTenants(byId.values())).build());
            watchers.add(response);
        }

        /** Streams a changed tenant (with a higher revision) to every watcher. */
        synchronized void upsert(Tenant tenant) {
            byId.put(tenant.getId(), tenant);
            revision = Math.max(revision, tenant.getRevision());
            WatchTenantsResponse change = WatchTenantsResponse.newBuilder().setRevision(revision)
                    .setUpserted(tenant).build();
            for (StreamObserver<WatchTenantsResponse> watcher : watchers) {
                try {
                    watcher.onNext(change);
                } catch (RuntimeException gone) {
                    watchers.remove(watcher);
                }
            }
        }
    }

    static Router router(List<Tenant> tenants) {
        return new Router(tenants);
    }

    static AuthServiceGrpc.AuthServiceImplBase auth() {
        return new AuthServiceGrpc.AuthServiceImplBase() {
            @Override
            public void watchRevocations(WatchRevocationsRequest request,
                                         StreamObserver<WatchRevocationsResponse> response) {
                response.onNext(WatchRevocationsResponse.newBuilder().setCaughtUp(true).build());
            }
        };
    }
}
