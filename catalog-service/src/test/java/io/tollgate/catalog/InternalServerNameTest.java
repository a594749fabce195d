package io.tollgate.catalog;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.proto.auth.v1.IntrospectResponse;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.service.NeighbourServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * common's internal channels check the server's name, not only its chain: a peer holding a valid
 * certificate from our CA for one service (here auth-service) cannot pose as another (router-service,
 * which would be sent the watch and asked for tenants). One server, one certificate, reached by both of
 * catalog's channels: the channel expecting auth-service is served, the one expecting
 * router-service refuses the handshake.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalServerNameTest implements TestPropertyProvider {
    static final PostgresDatabase DB = PostgresDatabase.create();
    static final AtomicBoolean ROUTER_REACHED = new AtomicBoolean();
    /** A service double holding auth-service's certificate, that also offers RouterService's methods. */
    static final NeighbourServer AUTH_CERTIFICATE_HOLDER = start();

    @Inject
    AuthServiceGrpc.AuthServiceBlockingStub auth;
    @Inject
    RouterServiceGrpc.RouterServiceBlockingStub router;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = CatalogTestTenants.serviceProperties(DB);
        String address = AUTH_CERTIFICATE_HOLDER.address();
        properties.put("grpc.channels.router.address", address);
        properties.put("grpc.channels.auth.address", address);
        return properties;
    }

    @AfterAll
    void stop() {
        AUTH_CERTIFICATE_HOLDER.close();
    }

    @Test
    void theChannelExpectingAuthServiceIsServedByItsCertificate() {
        assertFalse(auth.introspect(IntrospectRequest.newBuilder().setToken("t").build()).getActive());
    }

    @Test
    void theChannelExpectingRouterServiceRefusesAServerNamedOtherwise() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> router.resolveTenant(
                ResolveTenantRequest.newBuilder().setTenantId("acme").build()));

        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused::toString);
        assertFalse(ROUTER_REACHED.get(), "no call reached the impostor");
    }

    private static NeighbourServer start() {
        return NeighbourServer.start("auth-service",
                new AuthServiceGrpc.AuthServiceImplBase() {
                    @Override
                    public void introspect(IntrospectRequest request, StreamObserver<IntrospectResponse> out) {
                        out.onNext(IntrospectResponse.newBuilder().setActive(false).build());
                        out.onCompleted();
                    }
                },
                new RouterServiceGrpc.RouterServiceImplBase() {
                    @Override
                    public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> out) {
                        ROUTER_REACHED.set(true);
                        out.onNext(ResolveTenantResponse.newBuilder()
                                .setTenant(Tenant.newBuilder().setId(request.getTenantId())).build());
                        out.onCompleted();
                    }
                });
    }
}
