package io.tollgate.auth.api.grpc;

import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.micronaut.context.annotation.Factory;
import io.tollgate.common.grpc.server.AllowedCallers;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import jakarta.inject.Singleton;

/**
 * Who may call auth-service's gRPC port (common's interceptor enforces it, by the caller's
 * certificate). The internal AuthService is for the data services. Envoy's ext_authz check comes
 * from Envoy, which presents a certificate of its own named {@code envoy} (from the same CA) and
 * may call that one method and nothing else: the internal RPCs stay closed to it.
 * <p>
 * Each service may call only what it uses: catalog-service follows revocations and exchanges the
 * client credentials its token endpoint receives (Iceberg's {@code credential=id:secret}); it
 * cannot revoke tokens nor introspect them. A compromised catalog replica can try credentials, as
 * any client of its token endpoint can, under the same per-id rate limit (it names the client
 * address, so the per-address limit is only as good as the catalog). connect-service, which only
 * verifies bearer tokens, follows revocations and nothing else.
 */
@Factory
class AuthCallers {
    static final String FLIGHT = "flight-service";
    static final String CATALOG = "catalog-service";
    static final String CONNECT = "connect-service";
    static final String ENVOY = "envoy";

    @Singleton
    AllowedCallers allowedCallers() {
        return AllowedCallers.builder()
                .allow(AuthServiceGrpc.getAuthenticateMethod(), FLIGHT)
                .allow(AuthServiceGrpc.getIntrospectMethod(), FLIGHT)
                .allow(AuthServiceGrpc.getRevokeMethod(), FLIGHT)
                .allow(AuthServiceGrpc.getWatchRevocationsMethod(), FLIGHT, CATALOG, CONNECT)
                .allow(AuthServiceGrpc.getExchangeClientCredentialsMethod(), CATALOG)
                .allow(AuthorizationGrpc.getCheckMethod(), ENVOY)
                .allowService(AllowedCallers.HEALTH_SERVICE, FLIGHT, CATALOG, CONNECT, ENVOY)
                .build();
    }
}
