package io.tollgate.auth.service.extauthz;

import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.logs.AuditCapture;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.tollgate.auth.AuthServer;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.TestSupport;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.proto.auth.v1.RevokeRequest;
import io.tollgate.proto.auth.v1.RevocationTarget;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tollgate.auth.OAuthClient.form;
import static io.tollgate.auth.service.extauthz.EnvoyCheck.allowed;
import static io.tollgate.auth.service.extauthz.EnvoyCheck.deniedStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * envoy.service.auth.v3.Authorization/Check on the gRPC port, called by a real gRPC client built
 * from Envoy's published API stubs, as Envoy's ext_authz filter calls it in front of Trino.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtAuthzGrpcTest {
    static final String BOOTSTRAP = """
            {"accounts":[{"username":"alice@acme","password":"al1ce-pw","roles":["reader"]},
                         {"username":"wanda@acme","password":"w4nda-pw","roles":["writer"]},
                         {"username":"gina@globex","password":"g1na-pw","roles":["reader"]},
                         {"username":"alice@globex","password":"al1ce-globex-pw","roles":["reader"]},
                         {"username":"admin@platform","password":"adm1n-pw","roles":["platform-admin"]}],
             "clients":[{"clientId":"etl-acme","secret":"etl-secret-0123456789","tenantId":"acme",
                         "roles":["writer"],"scopes":["sql"]}]}""";

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private AuthServer server;
    private AuthServer withoutRouter;
    private OAuthClient http;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme", "globex");
        String bootstrap = TestSupport.bootstrapFile(BOOTSTRAP).toString();
        // Two replicas of one deployment: one signing key, one database.
        String key = new Forgery().keyFile();
        server = AuthServer.start(db, router, Map.of("tollgate.auth.bootstrap-file", bootstrap,
                "tollgate.auth.signing.key-files", key));
        withoutRouter = AuthServer.start(db, null, Map.of("tollgate.auth.signing.key-files", key));
        http = new OAuthClient(server);
    }

    @AfterAll
    void stop() {
        server.close();
        withoutRouter.close();
        router.close();
    }

    private String login(String username, String password) {
        OAuthClient.Response response = http.post("/oauth2/token", form("grant_type", "password",
                "username", username, "password", password));
        assertEquals(200, response.status(), response.toString());
        return response.string("access_token");
    }

    private EnvoyCheck envoy() {
        return EnvoyCheck.on(server.envoyChannel());
    }

    @Test
    void aValidTokenIsAllowedWithTheUserTenantAndRolesAsUpstreamHeaders() {
        CheckResponse response = envoy().bearer(login("alice@acme", "al1ce-pw")).check();

        assertTrue(allowed(response), response.toString());
        assertEquals(Map.of("x-trino-user", "alice@acme", "x-tollgate-tenant", "acme", "x-tollgate-roles", "reader"),
                EnvoyCheck.set(response));
        for (HeaderValueOption header : response.getOkResponse().getHeadersList()) {
            assertEquals(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD, header.getAppendAction());
        }
    }

    @Test
    void clientSuppliedCopiesOfTheProtectedHeadersNeverReachTheUpstream() {
        EnvoyCheck envoy = envoy().bearer(login("alice@acme", "al1ce-pw"))
                .header("X-Trino-User", "admin")
                .header("X-Tollgate-Tenant", "globex")
                .header("X-Tollgate-Impersonate", "admin@platform")
                .header("X-Trino-Catalog", "hive");

        CheckResponse response = envoy.check();
        Map<String, String> upstream = envoy.upstream(response);

        assertTrue(allowed(response), response.toString());
        assertEquals("alice@acme", upstream.get("x-trino-user"));
        assertEquals("acme", upstream.get("x-tollgate-tenant"));
        assertFalse(upstream.containsKey("x-tollgate-impersonate"));
        assertEquals("hive", upstream.get("x-trino-catalog"), "other client headers pass");
        // Envoy removes after it sets: a header we set must never be in the removal list.
        assertEquals(List.of("x-tollgate-impersonate"), EnvoyCheck.removed(response));
    }

    @Test
    void aServiceClientActsUnderItsClientId() {
        String token = http.post("/oauth2/token", form("grant_type", "client_credentials",
                "client_id", "etl-acme", "client_secret", "etl-secret-0123456789")).string("access_token");

        CheckResponse response = envoy().bearer(token).check();

        assertTrue(allowed(response), response.toString());
        assertEquals("etl-acme@acme", EnvoyCheck.set(response).get("x-trino-user"));
        assertEquals("writer", EnvoyCheck.set(response).get("x-tollgate-roles"));
    }

    @Test
    void usersOfOneNameInTwoTenantsBecomeTwoUpstreamUsersByDefault() {
        CheckResponse acme = envoy().bearer(login("alice@acme", "al1ce-pw")).check();
        CheckResponse globex = envoy().bearer(login("alice@globex", "al1ce-globex-pw")).check();

        assertTrue(allowed(acme), acme.toString());
        assertTrue(allowed(globex), globex.toString());
        assertEquals("alice@acme", EnvoyCheck.set(acme).get("x-trino-user"));
        assertEquals("alice@globex", EnvoyCheck.set(globex).get("x-trino-user"));
    }

    @Test
    void twoAuthorizationHeadersJoinedByEnvoyAreRefusedWith401WhicheverIsValid() {
        String token = login("alice@acme", "al1ce-pw");
        for (String joined : List.of("Bearer " + token + ",Bearer " + token, "Bearer " + token + ", Bearer forged",
                "Bearer forged,Bearer " + token)) {
            CheckResponse response = envoy().header("authorization", joined).check();

            assertEquals(401, deniedStatus(response), response.toString());
            assertFalse(response.hasOkResponse());
        }
    }

    @Test
    void aRequestWithoutABearerTokenIsRefusedWith401AndAChallenge() {
        for (EnvoyCheck envoy : List.of(envoy(), envoy().header("authorization", "Basic YWxpY2U6cHc="),
                envoy().header("authorization", "Bearer "), envoy().header("authorization", "Bearer a b"))) {
            CheckResponse response = envoy.check();

            assertEquals(401, deniedStatus(response), response.toString());
            assertEquals(com.google.rpc.Code.UNAUTHENTICATED_VALUE, response.getStatus().getCode());
            assertTrue(response.getDeniedResponse().getHeadersList().stream().anyMatch(h ->
                    h.getHeader().getKey().equals("www-authenticate")
                            && h.getHeader().getValue().startsWith("Bearer ")));
            assertFalse(response.hasOkResponse());
        }
    }

    @Test
    void aTokenOfASuspendedTenantIsRefusedWith403() {
        String token = login("gina@globex", "g1na-pw");
        assertTrue(allowed(envoy().bearer(token).check()));

        router.setStatus("globex", TenantStatus.TENANT_STATUS_SUSPENDED);
        try {
            CheckResponse response = envoy().bearer(token).check();

            assertEquals(403, deniedStatus(response), response.toString());
            assertEquals(com.google.rpc.Code.PERMISSION_DENIED_VALUE, response.getStatus().getCode());
        } finally {
            router.setStatus("globex", TenantStatus.TENANT_STATUS_ACTIVE);
        }
    }

    @Test
    void whileRouterServiceCannotAnswerTenantTokensAreRefusedWith503ButPlatformTokensPass() {
        String tenantToken = login("alice@acme", "al1ce-pw");
        String platformToken = login("admin@platform", "adm1n-pw");

        CheckResponse refused = EnvoyCheck.on(withoutRouter.envoyChannel()).bearer(tenantToken).check();
        CheckResponse platform = EnvoyCheck.on(withoutRouter.envoyChannel()).bearer(platformToken).check();

        assertEquals(503, deniedStatus(refused), refused.toString());
        assertTrue(allowed(platform), platform.toString());
    }

    @Test
    void aRouteDemandsItsTenantRolesAndScopesThroughContextExtensions() {
        String reader = login("alice@acme", "al1ce-pw");
        String writer = login("wanda@acme", "w4nda-pw");

        assertEquals(403, deniedStatus(envoy().bearer(reader).route("roles", "writer, tenant-admin").check()));
        assertTrue(allowed(envoy().bearer(writer).route("roles", "writer, tenant-admin").check()));
        assertTrue(allowed(envoy().bearer(reader).route("scopes", "sql").check()));
        CheckResponse scope = envoy().bearer(reader).route("scopes", "sql,admin").check();
        assertEquals(403, deniedStatus(scope));
        JsonBody.parse(scope.getDeniedResponse().getBody()).assertEquals("/error", "insufficient_scope");
        assertTrue(allowed(envoy().bearer(reader).route("tenant", "acme").check()));
        assertEquals(403, deniedStatus(envoy().bearer(reader).route("tenant", "globex").check()));
    }

    @Test
    void aRevokedTokenIsRefusedOnceTheRevocationReachesTheVerifier() {
        String token = login("alice@acme", "al1ce-pw");
        assertTrue(allowed(envoy().bearer(token).check()));
        String jti = server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build()).getTokenId();

        server.auth().revoke(RevokeRequest.newBuilder()
                .setTarget(RevocationTarget.newBuilder().setTokenId(jti)).setReason("test").build());

        Await.until(() -> deniedStatus(envoy().bearer(token).check()) == 401, Duration.ofSeconds(5),
                "the replica that revoked the token refuses it");
        // Every replica follows the same log: one that did not make the revocation refuses too.
        Await.until(() -> deniedStatus(EnvoyCheck.on(withoutRouter.envoyChannel()).bearer(token).check()) == 401,
                Duration.ofSeconds(5), "the other replica refuses the revoked token");
    }

    @Test
    void everyRefusalIsAuditedWithItsReasonAndNeverWithTheToken() {
        String token = login("alice@acme", "al1ce-pw");
        try (AuditCapture audit = AuditCapture.start()) {
            envoy().bearer(token).route("tenant", "globex").request("GET", "/v1/statement/queued/q1?slug=x").check();
            envoy().bearer(token + "x").check();

            List<String> denied = audit.events("ext_authz.denied");
            assertEquals(2, denied.size(), audit.lines().toString());
            assertTrue(denied.get(0).contains("tenant=acme subject=alice@acme address=" + EnvoyCheck.CLIENT_ADDRESS
                    + " action=GET target=trino.example/v1/statement/queued/q1 reason=WRONG_TENANT status=403"),
                    denied.get(0));
            assertTrue(denied.get(1).contains("tenant=- subject=- address=" + EnvoyCheck.CLIENT_ADDRESS
                    + " action=POST target=trino.example/v1/statement reason=INVALID_TOKEN status=401"), denied.get(1));
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertTrue(audit.lines().stream().noneMatch(line -> line.contains(signature)));
        }
    }
}
