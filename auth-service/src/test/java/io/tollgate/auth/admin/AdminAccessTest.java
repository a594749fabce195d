package io.tollgate.auth.admin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static io.tollgate.auth.admin.AdminFixture.assertFieldProblem;
import static io.tollgate.auth.admin.AdminFixture.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what through the admin API: only administrators; a tenant-admin only in its own
 * tenant, where anything of another tenant is "not found" exactly like something that does not
 * exist; nobody grants a role above their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAccessTest {
    private AdminFixture fixture;
    private AdminClient admin;

    @BeforeAll
    void start() {
        fixture = new AdminFixture();
        admin = fixture.client;
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void withoutATokenEveryAdminCallIs401AndReadersAndWritersGet403() {
        String reader = admin.login("alice@acme", "al1ce-password");
        String writer = admin.login("wanda@acme", "w4nda-password");
        for (String path : List.of("/admin/v1/accounts", "/admin/v1/clients", "/admin/v1/revocations",
                "/admin/v1/accounts/alice@acme/sessions")) {
            assertEquals(401, admin.get(null, path).status(), path);
            assertEquals(401, admin.get("not-a-token", path).status(), path);
            assertEquals(403, admin.get(reader, path).status(), path);
            assertEquals(403, admin.get(writer, path).status(), path);
        }
        assertEquals(403, admin.post(writer, "/admin/v1/accounts",
                Map.of("username", "x@acme", "roles", List.of("reader"))).status());
    }

    @Test
    void aTenantAdminSeesOnlyItsOwnTenantAndAnotherTenantLooksLikeNothingAtAll() {
        String boss = fixture.acmeAdmin();

        AdminClient.Response own = admin.get(boss, "/admin/v1/accounts?size=200");
        assertEquals(200, own.status(), own.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) own.map().get("items");
        assertTrue(items.stream().allMatch(item -> "acme".equals(item.get("tenantId"))), items.toString());
        assertTrue(items.stream().anyMatch(item -> "alice@acme".equals(item.get("username"))));

        AdminClient.Response otherTenantsAccount = admin.get(boss, "/admin/v1/accounts/gina@globex");
        AdminClient.Response noSuchAccount = admin.get(boss, "/admin/v1/accounts/nobody@acme");
        assertProblem(404, otherTenantsAccount);
        assertEquals(noSuchAccount.raw().body(), otherTenantsAccount.raw().body());
        AdminClient.Response otherTenant = admin.get(boss, "/admin/v1/accounts?tenant=globex");
        AdminClient.Response noSuchTenant = admin.get(boss, "/admin/v1/accounts?tenant=no-such-tenant");
        assertProblem(404, otherTenant);
        assertEquals(noSuchTenant.raw().body(), otherTenant.raw().body());
        assertProblem(404, admin.post(boss, "/admin/v1/accounts/gina@globex/disable", null));
        assertProblem(404, admin.post(boss, "/admin/v1/accounts",
                Map.of("username", "spy@globex", "roles", List.of("reader"))));
        assertProblem(404, admin.get(boss, "/admin/v1/clients/etl-globex"));
        assertProblem(404, admin.get(boss, "/admin/v1/accounts/gina@globex/sessions"));
        assertProblem(404, admin.post(boss, "/admin/v1/revocations", Map.of("kind", "tenant", "tenantId", "globex")));
        assertProblem(404, admin.post(boss, "/admin/v1/revocations",
                Map.of("kind", "subject", "tenantId", "globex", "subject", "gina@globex")));
        assertEquals(200, admin.get(boss, "/admin/v1/clients/etl-acme").status());
    }

    @Test
    void twoAuthorizationHeadersAreA400WhicheverCarriesTheAdminsToken() {
        String root = "Bearer " + fixture.platformAdmin();
        String reader = "Bearer " + admin.login("alice@acme", "al1ce-password");
        assertEquals(200, admin.getWithAuthorizations("/admin/v1/accounts", List.of(root)).status());
        for (List<String> headers : List.of(List.of(root, root), List.of(reader, root), List.of(root, reader),
                List.of("Bearer forged", root))) {
            AdminClient.Response refused = admin.getWithAuthorizations("/admin/v1/accounts", headers);
            assertEquals(400, refused.status(), refused.toString());
            assertEquals("more than one Authorization header", refused.string("error_description"));
        }
    }

    @Test
    void aPlatformAdminSeesEveryTenant() {
        String root = fixture.platformAdmin();

        assertEquals(200, admin.get(root, "/admin/v1/accounts/gina@globex").status());
        assertEquals(200, admin.get(root, "/admin/v1/accounts?tenant=globex").status());
        assertEquals(200, admin.get(root, "/admin/v1/clients/etl-globex").status());
    }

    @Test
    void nobodyGrantsARoleAboveTheirOwn() {
        String boss = fixture.acmeAdmin();
        String ops = fixture.client.login("ops@platform", "0ps-password");

        AdminClient.Response escalate = admin.post(boss, "/admin/v1/accounts",
                Map.of("username", "mole@acme", "roles", List.of("platform-admin")));
        assertProblem(403, escalate);
        assertProblem(403, admin.post(ops, "/admin/v1/accounts",
                Map.of("username", "mole@platform", "roles", List.of("platform-admin"))));
        assertProblem(403, admin.put(boss, "/admin/v1/accounts/alice@acme/roles",
                Map.of("roles", List.of("platform-admin"))));
        assertProblem(403, admin.post(boss, "/admin/v1/clients", Map.of("clientId", "mole-client", "tenantId", "acme",
                "roles", List.of("platform-admin"), "scopes", List.of("sql"))));
        // A tenant-admin of the platform tenant cannot touch the platform admin either.
        assertProblem(403, admin.post(ops, "/admin/v1/accounts/admin@platform/disable", null));
        assertProblem(403, admin.post(ops, "/admin/v1/accounts/admin@platform/password", Map.of()));

        // Up to their own is fine.
        assertEquals(201, admin.post(boss, "/admin/v1/accounts",
                Map.of("username", "deputy@acme", "roles", List.of("tenant-admin"))).status());
        // And platform-admin stays in the platform tenant, even for a platform admin.
        assertFieldProblem("roles", admin.post(fixture.platformAdmin(), "/admin/v1/accounts",
                Map.of("username", "root@acme", "roles", List.of("platform-admin"))));
    }
}
