package io.tollgate.auth.admin;

import io.tollgate.auth.OAuthClient;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.testkit.json.JsonBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static io.tollgate.auth.OAuthClient.form;
import static io.tollgate.auth.admin.AdminFixture.assertFieldProblem;
import static io.tollgate.auth.admin.AdminFixture.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /admin/v1/clients over real HTTP: secrets generated, shown once, hashed at rest, rotated. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminClientsTest {
    private AdminFixture fixture;
    private AdminClient admin;
    private String boss;

    @BeforeAll
    void start() {
        fixture = new AdminFixture();
        admin = fixture.client;
        boss = fixture.acmeAdmin();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private OAuthClient.Response clientCredentials(String clientId, String secret) {
        return admin.oauth().post("/oauth2/token", form("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret));
    }

    @Test
    void aNewClientsSecretIsShownOnceAndNeverAgain() {
        AdminClient.Response created = admin.post(boss, "/admin/v1/clients", Map.of("clientId", "reports",
                "tenantId", "acme", "roles", List.of("reader"), "scopes", List.of("sql", "catalog")));

        assertEquals(201, created.status(), created.toString());
        assertEquals("no-store", created.header("Cache-Control").orElseThrow());
        String secret = created.string("clientSecret");
        assertEquals(43, secret.length());
        assertEquals(Map.of("clientId", "reports@acme", "tenantId", "acme", "roles", List.of("reader"),
                "scopes", List.of("catalog", "sql"), "status", "active"), created.map("client"));
        assertEquals("/admin/v1/clients/reports@acme", created.header("Location").orElseThrow());
        assertEquals(200, clientCredentials("reports@acme", secret).status());
        assertEquals(401, clientCredentials("reports", secret).status(), "a new client has no bare id");

        for (AdminClient.Response read : List.of(admin.get(boss, "/admin/v1/clients/reports@acme"),
                admin.get(boss, "/admin/v1/clients"))) {
            assertEquals(200, read.status());
            assertFalse(read.raw().body().contains(secret));
            assertFalse(read.raw().body().toLowerCase().contains("secret"), read.raw().body());
            assertFalse(read.raw().body().contains("argon2"));
        }
    }

    @Test
    void rotatingTheSecretRetiresTheOldOneAndItsTokens() {
        String first = admin.post(boss, "/admin/v1/clients", Map.of("clientId", "rotated", "tenantId", "acme",
                "roles", List.of("reader"), "scopes", List.of("sql"))).string("clientSecret");
        String oldToken = clientCredentials("rotated@acme", first).string("access_token");

        AdminClient.Response rotated = admin.post(boss, "/admin/v1/clients/rotated@acme/secret", null);

        assertEquals(200, rotated.status(), rotated.toString());
        String second = rotated.string("clientSecret");
        assertEquals(401, clientCredentials("rotated@acme", first).status());
        assertEquals(200, clientCredentials("rotated@acme", second).status());
        assertFalse(fixture.server.auth().introspect(IntrospectRequest.newBuilder().setToken(oldToken).build())
                .getActive());
    }

    @Test
    void aDisabledClientCannotAuthenticateUntilEnabled() {
        String secret = admin.post(boss, "/admin/v1/clients", Map.of("clientId", "paused@acme", "tenantId", "acme",
                "roles", List.of("reader"), "scopes", List.of("sql"))).string("clientSecret");

        assertEquals("disabled", admin.post(boss, "/admin/v1/clients/paused@acme/disable", null).string("status"));
        assertEquals(401, clientCredentials("paused@acme", secret).status());
        assertEquals("active", admin.post(boss, "/admin/v1/clients/paused@acme/enable", null).string("status"));
        assertEquals(200, clientCredentials("paused@acme", secret).status());
    }

    @Test
    void clientIdsAreUniqueWithinTheTenantAndFieldsAreChecked() {
        assertProblem(409, admin.post(boss, "/admin/v1/clients", Map.of("clientId", "etl-acme", "tenantId", "acme",
                "roles", List.of("reader"), "scopes", List.of("sql"))));
        assertProblem(409, admin.post(boss, "/admin/v1/clients", Map.of("clientId", "etl-acme@acme",
                "tenantId", "acme", "roles", List.of("reader"), "scopes", List.of("sql"))));
        assertFieldProblem("clientId", admin.post(boss, "/admin/v1/clients", Map.of("clientId", "etl@globex",
                "tenantId", "acme", "roles", List.of("reader"), "scopes", List.of("sql"))));
        assertFieldProblem("clientId", admin.post(boss, "/admin/v1/clients", Map.of("clientId", "bad id!",
                "tenantId", "acme", "roles", List.of("reader"), "scopes", List.of("sql"))));
        assertFieldProblem("scopes", admin.post(boss, "/admin/v1/clients", Map.of("clientId", "noscopes",
                "tenantId", "acme", "roles", List.of("reader"), "scopes", List.of())));
        assertFieldProblem("tenantId", admin.post(boss, "/admin/v1/clients", Map.of("clientId", "notenant",
                "roles", List.of("reader"), "scopes", List.of("sql"))));
        JsonBody.parse(admin.get(boss, "/admin/v1/clients?tenant=acme").raw().body()).assertAnyTextContains("etl-acme");
    }

    private AdminClient.Response create(String token, String clientId, String tenantId) {
        return admin.post(token, "/admin/v1/clients", Map.of("clientId", clientId, "tenantId", tenantId,
                "roles", List.of("reader"), "scopes", List.of("sql")));
    }

    @Test
    void aNameTakenInAnotherTenantSaysNothingAboutItAndBothClientsAuthenticateByTheirOwnId() {
        String globexBoss = admin.login("boss@globex", "b0ss-password");
        AdminClient.Response acmes = create(boss, "shared-name", "acme");
        AdminClient.Response globexes = create(globexBoss, "shared-name", "globex");
        // acme's bootstrapped client (and its bare legacy id) does not make the name taken in globex.
        AdminClient.Response alsoBootstrapped = create(globexBoss, "etl-acme", "globex");

        assertEquals(201, acmes.status(), acmes.toString());
        assertEquals(201, globexes.status(), globexes.toString());
        assertEquals(201, alsoBootstrapped.status(), alsoBootstrapped.toString());
        assertEquals("shared-name@globex", globexes.map("client").get("clientId"));
        assertEquals("etl-acme@globex", alsoBootstrapped.map("client").get("clientId"));
        assertEquals(200, clientCredentials("shared-name@acme", acmes.string("clientSecret")).status());
        assertEquals(200, clientCredentials("shared-name@globex", globexes.string("clientSecret")).status());
        assertEquals(401, clientCredentials("shared-name@acme", globexes.string("clientSecret")).status());

        AdminClient.Response othersClient = admin.get(globexBoss, "/admin/v1/clients/shared-name@acme");
        AdminClient.Response noSuchClient = admin.get(globexBoss, "/admin/v1/clients/no-such-name@acme");
        assertProblem(404, othersClient);
        assertEquals(noSuchClient.raw().body(), othersClient.raw().body());
        assertProblem(404, admin.get(globexBoss, "/admin/v1/clients/etl-acme"));
    }

    @Test
    void anAccountAndAClientOfOneTenantCannotShareAName() {
        assertProblem(409, create(boss, "alice", "acme"));
        assertEquals(201, create(boss, "robot", "acme").status());
        assertProblem(409, admin.post(boss, "/admin/v1/accounts",
                Map.of("username", "robot@acme", "roles", List.of("reader"))));
    }
}
