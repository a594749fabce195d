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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The two gRPC services flight-service consumes, served from fixed data: router-service's tenant
 * registry (a snapshot of the given tenants, then silence) and auth-service's revocation stream
 * (caught up, nothing revoked) and password login (any {@code name@tenant} with one password, as a
 * writer). Real gRPC implementations of the contracts, not stand-ins for
 * flight-service's own classes.
 */
final class TestRegistry {
    private TestRegistry() {
    }

    static RouterServiceGrpc.RouterServiceImplBase router(List<Tenant> tenants) {
        Map<String, Tenant> byId = tenants.stream().collect(Collectors.toMap(Tenant::getId, Function.identity()));
        long revision = tenants.stream().mapToLong(Tenant::getRevision).max().orElse(1);
        return new RouterServiceGrpc.RouterServiceImplBase() {
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
            public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> response) {
                response.onNext(WatchTenantsResponse.newBuilder().setRevision(revision)
                        .setSnapshot(TenantSnapshot.newBuilder().addAllTenants(tenants)).build());
            }
        };
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
