package io.tollgate.flight.support;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantSnapshot;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.testkit.tokens.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two gRPC services flight-service consumes, served from fixed data: router-service's tenant
 * registry (a snapshot of the given tenants, then whatever a test publishes) and auth-service's revocation stream
 * (caught up, nothing revoked) and password login (any {@code name@tenant} with one password, as a
 * writer). Real gRPC implementations of the contracts, not stand-ins for
 * flight-service's own classes.
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

    static AuthServiceGrpc.AuthServiceImplBase auth(TestTokens tokens, String password) {
        return new AuthServiceGrpc.AuthServiceImplBase() {
            @Override
            public void authenticate(AuthenticateRequest request, StreamObserver<AuthenticateResponse> response) {
                int at = request.getUsername().indexOf('@');
                if (at <= 0 || !request.getPassword().equals(password)) {
                    response.onError(Status.UNAUTHENTICATED.withDescription("invalid credentials").asRuntimeException());
                    return;
                }
                String token = tokens.mint(request.getUsername(), request.getUsername().substring(at + 1),
                        List.of("writer"), Duration.ofMinutes(10));
                response.onNext(AuthenticateResponse.newBuilder().setAccessToken(token).setTokenType("Bearer")
                        .setExpiresInSeconds(600).build());
                response.onCompleted();
            }

            @Override
            public void watchRevocations(WatchRevocationsRequest request,
                                         StreamObserver<WatchRevocationsResponse> response) {
                response.onNext(WatchRevocationsResponse.newBuilder().setCaughtUp(true).build());
            }
        };
    }
}
