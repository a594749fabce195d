package io.tollgate.testkit.identity;

import com.nimbusds.jwt.SignedJWT;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsRequest;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsResponse;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tokens.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The double keeps auth-service's contract as the data services call it. */
class IdentityDoubleTest {
    private final TestTokens tokens = new TestTokens("identity-test", "identity-test");
    private final IdentityDouble auth = IdentityDouble.start(tokens)
            .knowClient("etl@acme", new IdentityDouble.Client("etl-secret", "acme", List.of("reader")))
            .acceptAnyAccountWith("account-pw", List.of("writer"));
    private final ManagedChannel channel = InternalCertificates.shared().channel(auth.port(), "catalog-service",
            "auth-service");

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        auth.close();
    }

    @Test
    void aKnownClientGetsATokenForItsTenantAndRolesAndUnknownOnesAreRefusedAlike() throws Exception {
        ExchangeClientCredentialsResponse issued = stub().exchangeClientCredentials(exchange("etl@acme", "etl-secret"));

        assertEquals("acme", SignedJWT.parse(issued.getAccessToken()).getJWTClaimsSet().getStringClaim("tid"));
        assertEquals(List.of("reader"), issued.getPrincipal().getRolesList());
        assertEquals("catalog", issued.getPrincipal().getScopes(0));
        for (ExchangeClientCredentialsRequest wrong : List.of(exchange("etl@acme", "guess"), exchange("nobody", "x"))) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stub().exchangeClientCredentials(wrong));
            assertEquals(Status.UNAUTHENTICATED.getCode(), refused.getStatus().getCode());
            assertEquals("invalid credentials", refused.getStatus().getDescription());
        }
        assertEquals(3, auth.exchanges().size());
    }

    @Test
    void anyAccountWithThePasswordLogsInToItsOwnTenant() throws Exception {
        String token = stub().authenticate(AuthenticateRequest.newBuilder().setUsername("ada@globex")
                .setPassword("account-pw").build()).getAccessToken();

        assertEquals("globex", SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("tid"));
        assertThrows(StatusRuntimeException.class, () -> stub().authenticate(AuthenticateRequest.newBuilder()
                .setUsername("ada@globex").setPassword("guess").build()));
    }

    @Test
    void aWatcherIsCaughtUpWithEarlierRevocationsThenSentEachNewOne() {
        auth.revokeToken("first");
        auth.revokeToken("second");

        Iterator<WatchRevocationsResponse> stream = stub()
                .watchRevocations(WatchRevocationsRequest.newBuilder().setAfterSequence(1).build());
        WatchRevocationsResponse catchUp = stream.next();
        assertTrue(catchUp.getCaughtUp());
        assertEquals(List.of("second"), catchUp.getRevocationsList().stream().map(r -> r.getTarget().getTokenId()).toList());

        auth.revokeToken("third");
        WatchRevocationsResponse live = stream.next();
        assertEquals("third", live.getRevocations(0).getTarget().getTokenId());
        assertEquals(3, live.getRevocations(0).getSequence());
    }

    private AuthServiceGrpc.AuthServiceBlockingStub stub() {
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static ExchangeClientCredentialsRequest exchange(String clientId, String secret) {
        return ExchangeClientCredentialsRequest.newBuilder().setClientId(clientId).setClientSecret(secret)
                .addScopes("catalog").build();
    }
}
