package io.tollgate.auth.oauth;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.auth.AuthServer;
import io.tollgate.auth.TestSupport;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsRequest;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsResponse;
import io.tollgate.testkit.logs.AuditCapture;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.tls.InternalCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * ExchangeClientCredentials, as catalog-service calls it for its token endpoint: a service client's
 * id and secret, or an account's name and password, for a token; every refusal alike; the scopes
 * asked for granted as the token endpoint grants them; only catalog-service may call it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCredentialsExchangeTest {
    static final String BOOTSTRAP = """
            {"accounts":[
              {"username":"alice@acme","password":"al1ce-pw","roles":["writer"]}
             ],
             "clients":[
              {"clientId":"etl@acme","secret":"etl-secret-0123456789","tenantId":"acme","roles":["reader"],
               "scopes":["catalog","sql"]},
              {"clientId":"sql-only@acme","secret":"sql-secret-0123456789","tenantId":"acme","roles":["reader"],
               "scopes":["sql"]}
             ]}""";

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private AuthServer server;
    private ManagedChannel catalogChannel;
    private AuthServiceGrpc.AuthServiceBlockingStub catalog;
    private TokenVerifier verifier;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme");
        server = AuthServer.start(db, router, Map.of(
                "tollgate.auth.bootstrap-file", TestSupport.bootstrapFile(BOOTSTRAP).toString()));
        catalogChannel = InternalCertificates.shared().channel(server.grpcPort(), "catalog-service", "auth-service");
        catalog = AuthServiceGrpc.newBlockingStub(catalogChannel);
        verifier = server.verifier();
    }

    @AfterAll
    void stop() throws InterruptedException {
        catalogChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        router.close();
    }

    @Test
    void aServiceClientsIdAndSecretGetATokenForTheClient() throws Exception {
        ExchangeClientCredentialsResponse response = exchange("etl@acme", "etl-secret-0123456789", "catalog");

        Principal principal = verifier.verify(response.getAccessToken());
        assertEquals("etl@acme", principal.subject());
        assertEquals("acme", principal.tenantId());
        assertEquals(Set.of("reader"), principal.roles());
        assertEquals(Set.of("catalog"), principal.scopes());
        assertEquals("Bearer", response.getTokenType());
    }

    @Test
    void anAccountsNameAndPasswordGetATokenForTheAccountAndTheAuditSaysHow() throws Exception {
        try (AuditCapture audit = AuditCapture.start()) {
            ExchangeClientCredentialsResponse response = exchange("alice@acme", "al1ce-pw", "catalog");

            Principal principal = verifier.verify(response.getAccessToken());
            assertEquals("alice@acme", principal.subject());
            assertEquals(Set.of("writer"), principal.roles());
            assertEquals(Set.of("catalog"), principal.scopes());
            assertFalse(audit.events("token.issued").isEmpty());
            assertEquals(1, audit.events("token.issued").stream()
                    .filter(line -> line.contains("grant=client_credentials") && line.contains("subject=alice@acme"))
                    .count(), audit.lines()::toString);
        }
    }

    @Test
    void aWrongSecretAWrongPasswordAndAnUnknownIdAreOneAndTheSameRefusal() {
        StatusRuntimeException wrongSecret = refused(() -> exchange("etl@acme", "wrong", "catalog"));
        assertEquals(Status.Code.UNAUTHENTICATED, wrongSecret.getStatus().getCode());
        for (StatusRuntimeException other : List.of(
                refused(() -> exchange("alice@acme", "wrong", "catalog")),
                refused(() -> exchange("nobody@acme", "al1ce-pw", "catalog")),
                refused(() -> exchange("not a name", "x", "catalog")))) {
            assertEquals(wrongSecret.getStatus().getCode(), other.getStatus().getCode());
            assertEquals(wrongSecret.getStatus().getDescription(), other.getStatus().getDescription());
        }
    }

    @Test
    void aScopeTheClientMayNotHaveIsAnInvalidArgument() {
        StatusRuntimeException refused = refused(() -> exchange("sql-only@acme", "sql-secret-0123456789", "catalog"));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    }

    @Test
    void flightServiceMayNotExchangeClientCredentials() {
        AuthServiceGrpc.AuthServiceBlockingStub flight = server.auth();
        StatusRuntimeException denied = refused(() -> flight.exchangeClientCredentials(
                ExchangeClientCredentialsRequest.newBuilder().setClientId("etl@acme")
                        .setClientSecret("etl-secret-0123456789").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
    }

    private ExchangeClientCredentialsResponse exchange(String id, String secret, String scope) {
        return catalog.withDeadlineAfter(30, TimeUnit.SECONDS).exchangeClientCredentials(
                ExchangeClientCredentialsRequest.newBuilder().setClientId(id).setClientSecret(secret)
                        .setClientAddress("203.0.113.9").addScopes(scope).build());
    }

    private static StatusRuntimeException refused(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run);
    }
}
