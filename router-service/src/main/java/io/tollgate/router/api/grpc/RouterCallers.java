package io.tollgate.router.api.grpc;

import io.micronaut.context.annotation.Factory;
import io.tollgate.common.grpc.server.AllowedCallers;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import jakarta.inject.Singleton;

/**
 * Who may call router-service's gRPC port (common's interceptor enforces it, by the caller's
 * certificate): the services that follow the registry (connect-service among them, the one shown
 * Spark Connect backend tokens), and only flight-service, the one that logs
 * in to tenants' databases, may have a refused login re-asserted. What each of them is shown is
 * {@link RegistryView#of(String)}.
 */
@Factory
class RouterCallers {
    static final String FLIGHT = "flight-service";
    static final String CATALOG = "catalog-service";
    static final String AUTH = "auth-service";
    static final String CONNECT = "connect-service";

    @Singleton
    AllowedCallers allowedCallers() {
        return AllowedCallers.builder()
                .allow(RouterServiceGrpc.getWatchTenantsMethod(), FLIGHT, CATALOG, CONNECT, AUTH)
                .allow(RouterServiceGrpc.getResolveTenantMethod(), FLIGHT, CATALOG, CONNECT, AUTH)
                .allow(RouterServiceGrpc.getListTenantsMethod(), FLIGHT, CATALOG, CONNECT, AUTH)
                .allow(RouterServiceGrpc.getReassertBackendLoginMethod(), FLIGHT)
                .allowService(AllowedCallers.HEALTH_SERVICE, FLIGHT, CATALOG, CONNECT, AUTH)
                .build();
    }
}
