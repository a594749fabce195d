package io.tollgate.connect.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.connect.session.TenantLimits;
import io.tollgate.proto.router.v1.Quotas;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who is refused, and how: in gRPC's terms, with our own words, the same for every tenant that may
 * not be served, and before any backend hears of the call.
 */
class ConnectRefusalsTest {
    private final SharedNeighbours shared = SharedNeighbours.get();

    private Status refusal(Function<SparkConnectServiceGrpc.SparkConnectServiceBlockingStub,
            SparkConnectServiceGrpc.SparkConnectServiceBlockingStub> credentials) {
        int before = shared.backendA.received().size() + shared.backendB.received().size() + shared.backendC.received().size();
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () ->
                credentials.apply(SparkConnectServiceGrpc.newBlockingStub(shared.gateway.channel()))
                        .config(ConfigRequest.newBuilder().setSessionId(SparkRequests.newSession()).build()));
        int after = shared.backendA.received().size() + shared.backendB.received().size() + shared.backendC.received().size();
        assertEquals(before, after, "no backend heard of a refused call");
        return error.getStatus();
    }

    private static Function<SparkConnectServiceGrpc.SparkConnectServiceBlockingStub,
            SparkConnectServiceGrpc.SparkConnectServiceBlockingStub> headers(Metadata headers) {
        return stub -> stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static Function<SparkConnectServiceGrpc.SparkConnectServiceBlockingStub,
            SparkConnectServiceGrpc.SparkConnectServiceBlockingStub> bearer(String token) {
        return headers(ConnectGateway.bearer("authorization", token));
    }

    private static void assertStatus(Status.Code code, String description, Status status) {
        assertEquals(code, status.getCode(), status.toString());
        assertEquals(description, status.getDescription());
    }

    @Test
    void aCallWithoutATokenIsUnauthenticated() {
        assertStatus(Status.Code.UNAUTHENTICATED, "invalid credentials", refusal(stub -> stub));
    }

    @Test
    void aForgedTokenIsUnauthenticated() {
        assertStatus(Status.Code.UNAUTHENTICATED, "invalid credentials",
                refusal(bearer(ConnectTokens.forged("alice", "acme"))));
    }

    @Test
    void aTokenWithoutTheSparkScopeIsPermissionDenied() {
        assertStatus(Status.Code.PERMISSION_DENIED, "token lacks scope 'spark'",
                refusal(bearer(ConnectTokens.withScope("sql catalog", "alice", "acme"))));
    }

    @Test
    void twoDifferentTokensInAuthorizationAndAuthenticationAreUnauthenticated() {
        Metadata both = ConnectGateway.bearer("authorization", ConnectTokens.spark("alice", "acme"));
        both.merge(ConnectGateway.bearer("authentication", ConnectTokens.spark("bob", "globex")));
        assertStatus(Status.Code.UNAUTHENTICATED, "invalid credentials", refusal(headers(both)));
    }

    @Test
    void theSameTokenInBothHeadersIsAccepted() {
        String token = ConnectTokens.spark("alice", "acme");
        Metadata both = ConnectGateway.bearer("authorization", token);
        both.merge(ConnectGateway.bearer("authentication", token));
        String session = SparkRequests.newSession();
        SparkConnectServiceGrpc.newBlockingStub(shared.gateway.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(both))
                .config(ConfigRequest.newBuilder().setSessionId(session).build());
        assertEquals("alice@acme", shared.backendA.receivedFor(session).get(0).user().getUserId());
    }

    @Test
    void aSchemeOtherThanBearerIsUnauthenticated() {
        Metadata basic = new Metadata();
        basic.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Basic YWxpY2U6c2VjcmV0");
        assertStatus(Status.Code.UNAUTHENTICATED, "invalid credentials", refusal(headers(basic)));
    }

    @Test
    void unknownSuspendedAndSparklessTenantsGetOneAndTheSameRefusal() {
        Status unknown = refusal(bearer(ConnectTokens.spark("mallory", "nosuchtenant")));
        Status suspended = refusal(bearer(ConnectTokens.spark("alice", "frozen")));
        Status withoutSpark = refusal(bearer(ConnectTokens.spark("alice", "nospark")));

        assertStatus(Status.Code.PERMISSION_DENIED, "tenant is not available", unknown);
        assertEquals(unknown.toString(), suspended.toString());
        assertEquals(unknown.toString(), withoutSpark.toString());
    }

    @Test
    void aBackendThatIsDownIsUnavailableInOurWords() {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () ->
                shared.gateway.blocking("authorization", ConnectTokens.spark("alice", "down"))
                        .config(ConfigRequest.newBuilder().setSessionId(SparkRequests.newSession()).build()));

        assertStatus(Status.Code.UNAVAILABLE, "Spark Connect backend unavailable", error.getStatus());
        String trailers = String.valueOf(error.getTrailers()).toLowerCase(java.util.Locale.ROOT);
        assertTrue(!trailers.contains("refused") && !trailers.contains("exception") && !trailers.contains("127.0.0.1"),
                "no transport detail in the trailers: " + trailers);
    }

    @Test
    void aSessionIdThatIsNotAUuidIsInvalidBeforeItCountsOrReachesABackend() {
        shared.gateway.awaitRevision(shared.registry.upsert(SharedNeighbours.sparkTenant("longids", "",
                Quotas.getDefaultInstance(), shared.backendC.endpoint())));
        int before = shared.backendC.received().size();

        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () ->
                shared.gateway.blocking("authorization", ConnectTokens.spark("alice", "longids"))
                        .executePlan(SparkRequests.execute("x".repeat(10 << 20), "rows:1")).forEachRemaining(r -> { }));

        assertStatus(Status.Code.INVALID_ARGUMENT, "session_id must be a UUID", error.getStatus());
        assertEquals(0, shared.gateway.bean(TenantLimits.class).openSessions("longids"));
        assertEquals(before, shared.backendC.received().size(), "no backend heard of the call");
    }
}
