package io.tollgate.auth.tenant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.auth.AuthServer;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.OAuthClient.Response;
import io.tollgate.auth.TestSupport;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static io.tollgate.auth.OAuthClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Logins read their tenant's standing from the registry router-service streams (here a real gRPC
 * RouterService double): unknown, suspended and deleting tenants are refused like a wrong
 * password, and until the registry has arrived everyone but the platform tenant is refused, as
 * temporarily unavailable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantStatusTest {
    static final String BOOTSTRAP = """
            {"accounts":[{"username":"alice@acme","password":"al1ce-pw","roles":["reader"]},
                         {"username":"admin@platform","password":"adm1n-pw","roles":["platform-admin"]}],
             "clients":[{"clientId":"etl-acme","secret":"etl-secret-0123456789","tenantId":"acme",
                         "roles":["reader"],"scopes":["sql"]}]}""";

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private AuthServer server;
    private AuthServer withoutRouter;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme");
        String bootstrap = TestSupport.bootstrapFile(BOOTSTRAP).toString();
        server = AuthServer.start(db, router, Map.of("tollgate.auth.bootstrap-file", bootstrap));
        // A replica whose router address has nothing listening.
        withoutRouter = AuthServer.start(db, null, Map.of("tollgate.auth.bootstrap-file", bootstrap));
    }

    @AfterEach
    void reactivate() {
        router.setStatus("acme", TenantStatus.TENANT_STATUS_ACTIVE);
    }

    @AfterAll
    void stop() {
        server.close();
        withoutRouter.close();
        router.close();
    }

    @Test
    void aSuspendedOrDeletingTenantIsRefusedExactlyLikeAWrongPassword() {
        OAuthClient http = new OAuthClient(server);
        Response wrongPassword = password(http, "alice@acme", "wrong");

        for (TenantStatus status : new TenantStatus[] {TenantStatus.TENANT_STATUS_SUSPENDED,
                TenantStatus.TENANT_STATUS_DELETING}) {
            router.setStatus("acme", status);

            Response refused = password(http, "alice@acme", "al1ce-pw");
            assertEquals(400, refused.status(), status.name());
            assertEquals(wrongPassword.json(), refused.json(), status.name());
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> server.auth().authenticate(login("alice@acme", "al1ce-pw")));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            assertEquals("invalid credentials", e.getStatus().getDescription());
        }
    }

    @Test
    void aServiceClientOfASuspendedTenantIsAnInvalidClient() {
        router.setStatus("acme", TenantStatus.TENANT_STATUS_SUSPENDED);

        Response response = new OAuthClient(server).postBasic("/oauth2/token",
                form("grant_type", "client_credentials"), "etl-acme", "etl-secret-0123456789");

        assertEquals(401, response.status());
        assertEquals("invalid_client", response.string("error"));
    }

    @Test
    void aRefreshTokenStopsWorkingWhileItsTenantIsSuspended() {
        OAuthClient http = new OAuthClient(server);
        Response login = password(http, "alice@acme", "al1ce-pw");
        router.setStatus("acme", TenantStatus.TENANT_STATUS_SUSPENDED);

        Response refresh = http.post("/oauth2/token", form("grant_type", "refresh_token",
                "refresh_token", login.string("refresh_token")));

        assertEquals(400, refresh.status());
        assertEquals("invalid_grant", refresh.string("error"));
    }

    @Test
    void anUnreachableRouterRefusesLoginsAsTemporarilyUnavailable() {
        OAuthClient http = new OAuthClient(withoutRouter);

        Response response = password(http, "alice@acme", "al1ce-pw");
        assertEquals(503, response.status(), response.toString());
        assertEquals("temporarily_unavailable", response.string("error"));
        assertEquals("no-store", response.header("Cache-Control").orElseThrow());

        Response client = http.postBasic("/oauth2/token", form("grant_type", "client_credentials"),
                "etl-acme", "etl-secret-0123456789");
        assertEquals(503, client.status(), client.toString());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> withoutRouter.auth().authenticate(login("alice@acme", "al1ce-pw")));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    void anUnreachableRouterAnswersAWrongPasswordTheSameWaySoItConfirmsNothing() {
        Response response = password(new OAuthClient(withoutRouter), "alice@acme", "wrong");

        assertEquals(503, response.status(), response.toString());
    }

    @Test
    void anUnreachableRouterAnswersAnUnknownClientLikeAKnownOneSoItConfirmsNoClientId() {
        OAuthClient http = new OAuthClient(withoutRouter);

        Response known = http.postBasic("/oauth2/token", form("grant_type", "client_credentials"),
                "etl-acme", "wrong-secret-0123456789");
        Response unknown = http.postBasic("/oauth2/token", form("grant_type", "client_credentials"),
                "etl-nobody", "wrong-secret-0123456789");

        assertEquals(503, known.status(), known.toString());
        assertEquals(known.status(), unknown.status(), unknown.toString());
        assertEquals(known.json(), unknown.json(), unknown.toString());
    }

    @Test
    void platformAdministratorsLogInWhileTheRouterIsUnreachable() {
        Response response = password(new OAuthClient(withoutRouter), "admin@platform", "adm1n-pw");

        assertEquals(200, response.status(), response.toString());
    }

    private static Response password(OAuthClient http, String username, String password) {
        return http.post("/oauth2/token", form("grant_type", "password", "username", username,
                "password", password));
    }

    private static AuthenticateRequest login(String username, String password) {
        return AuthenticateRequest.newBuilder().setUsername(username).setPassword(password)
                .setClientAddress("192.0.2.30").build();
    }
}
