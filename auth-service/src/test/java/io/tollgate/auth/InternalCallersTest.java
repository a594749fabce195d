package io.tollgate.auth;

import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.proto.auth.v1.RevokeRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tls.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call auth-service's gRPC port: the data services what each uses of the internal AuthService, Envoy the
 * ext_authz Check and nothing else; everyone else is refused, by handshake or by method.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalCallersTest {
    private final PostgresDatabase db = PostgresDatabase.create();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private AuthServer server;

    @BeforeAll
    void start() {
        server = AuthServer.start(db, null, Map.of());
    }

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        channels.clear();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flight-service", "catalog-service", "connect-service"})
    void aDataServiceMayFollowRevocations(String caller) {
        AuthServiceGrpc.AuthServiceBlockingStub auth =
                auth(InternalCertificates.shared().channel(port(), caller, "auth-service"));

        assertTrue(auth.watchRevocations(WatchRevocationsRequest.getDefaultInstance()).next().getCaughtUp());
    }

    @Test
    void flightServiceIsAnsweredByTheInternalAuthService() {
        AuthServiceGrpc.AuthServiceBlockingStub auth =
                auth(InternalCertificates.shared().channel(port(), "flight-service", "auth-service"));

        assertFalse(auth.introspect(IntrospectRequest.newBuilder().setToken("not-a-token").build()).getActive());
    }

    @ParameterizedTest
    @ValueSource(strings = {"catalog-service", "connect-service"})
    void aServiceThatOnlyVerifiesTokensMayNeitherLogAnyoneInNorIntrospectNorRevoke(String caller) {
        AuthServiceGrpc.AuthServiceBlockingStub verifier =
                auth(InternalCertificates.shared().channel(port(), caller, "auth-service"));

        assertDenied(() -> verifier.authenticate(AuthenticateRequest.newBuilder().setUsername("reader@acme")
                .setPassword("guess").setClientAddress("203.0.113.7").build()));
        assertDenied(() -> verifier.introspect(IntrospectRequest.newBuilder().setToken("x").build()));
        assertDenied(() -> verifier.revoke(RevokeRequest.newBuilder().setReason("test")
                .setTarget(io.tollgate.proto.auth.v1.RevocationTarget.newBuilder().setTenantId("acme")).build()));
    }

    @Test
    void envoyMayAskForChecksButMayNotCallTheInternalRpcs() {
        ManagedChannel envoy = open(InternalCertificates.shared().channel(port(), "envoy", "auth-service"));
        AuthServiceGrpc.AuthServiceBlockingStub auth = auth(envoy);

        assertDenied(() -> auth.authenticate(AuthenticateRequest.newBuilder().setUsername("reader@acme")
                .setPassword("guess").build()));
        assertDenied(() -> auth.introspect(IntrospectRequest.newBuilder().setToken("x").build()));
        assertDenied(() -> auth.revoke(RevokeRequest.newBuilder().setReason("test").build()));
        assertDenied(() -> auth.watchRevocations(WatchRevocationsRequest.getDefaultInstance()).next());
        // The Check itself is answered (a denial for a request without a token, not a refused call).
        AuthorizationGrpc.newBlockingStub(envoy).withDeadlineAfter(30, TimeUnit.SECONDS)
                .check(CheckRequest.getDefaultInstance());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flight-service", "router-service", "reporting-service"})
    void nobodyButEnvoyMayCallTheCheck(String caller) {
        ManagedChannel channel = open(InternalCertificates.shared().channel(port(), caller, "auth-service"));

        assertDenied(() -> AuthorizationGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .check(CheckRequest.getDefaultInstance()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"router-service", "reporting-service"})
    void aServiceTheTableDoesNotNameMayNotCallTheInternalAuthService(String caller) {
        AuthServiceGrpc.AuthServiceBlockingStub auth =
                auth(InternalCertificates.shared().channel(port(), caller, "auth-service"));

        assertDenied(() -> auth.introspect(IntrospectRequest.newBuilder().setToken("x").build()));
        assertDenied(() -> auth.watchRevocations(WatchRevocationsRequest.getDefaultInstance()).next());
    }

    @Test
    void aPeerWithoutACertificateOrWithOneFromAnotherCaCannotCompleteTheHandshake() {
        TestPki.Issued impostor = InternalCertificates.foreign().certificate("flight-service");

        for (TestPki.Issued presented : new TestPki.Issued[] {null, impostor}) {
            AuthServiceGrpc.AuthServiceBlockingStub auth =
                    auth(InternalCertificates.shared().channel(port(), "auth-service", presented));
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> auth.introspect(IntrospectRequest.newBuilder().setToken("x").build()));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
        }
    }

    private static void assertDenied(Runnable call) {
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
    }

    private int port() {
        return server.grpcPort();
    }

    private ManagedChannel open(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }

    private AuthServiceGrpc.AuthServiceBlockingStub auth(ManagedChannel channel) {
        // A deadline bounds a call the server would leave hanging; no assertion depends on it.
        return AuthServiceGrpc.newBlockingStub(open(channel)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }
}
