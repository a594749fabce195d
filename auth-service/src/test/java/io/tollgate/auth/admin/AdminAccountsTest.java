package io.tollgate.auth.admin;

import io.tollgate.testkit.logs.AuditCapture;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.api.rest.problem.ProblemBodyProvider;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tollgate.auth.OAuthClient.form;
import static io.tollgate.auth.admin.AdminFixture.assertFieldProblem;
import static io.tollgate.auth.admin.AdminFixture.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /admin/v1/accounts over real HTTP: create, list, get, disable, enable, password reset, roles. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAccountsTest {
    private AdminFixture fixture;
    private AdminClient admin;
    private String token;

    @BeforeAll
    void start() {
        fixture = new AdminFixture();
        admin = fixture.client;
        token = fixture.platformAdmin();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private boolean active(String accessToken) {
        return fixture.server.auth().introspect(IntrospectRequest.newBuilder().setToken(accessToken).build())
                .getActive();
    }

    @Test
    void anAccountCreatedWithoutAPasswordGetsAGeneratedOneShownOnlyOnce() {
        AdminClient.Response created = admin.post(token, "/admin/v1/accounts",
                Map.of("username", "newbie@acme", "roles", List.of("reader")));

        assertEquals(201, created.status(), created.toString());
        assertEquals("no-store", created.header("Cache-Control").orElseThrow());
        String password = created.string("generatedPassword");
        assertEquals(24, password.length());
        assertEquals(Map.of("username", "newbie@acme", "tenantId", "acme", "name", "newbie",
                "roles", List.of("reader"), "status", "active"), created.map("account"));
        admin.login("newbie@acme", password);

        AdminClient.Response read = admin.get(token, "/admin/v1/accounts/newbie@acme");
        assertEquals(200, read.status());
        assertFalse(read.raw().body().contains(password));
        assertFalse(read.raw().body().toLowerCase().contains("hash"));
        assertFalse(read.raw().body().contains("argon2"));
    }

    @Test
    void aChosenPasswordIsNeverEchoedNorAudited() {
        try (AuditCapture audit = AuditCapture.start()) {
            AdminClient.Response created = admin.post(token, "/admin/v1/accounts", Map.of("username", "chosen@acme",
                    "password", "a-chosen-passw0rd", "roles", List.of("writer")));

            assertEquals(201, created.status(), created.toString());
            assertNull(created.map().get("generatedPassword"));
            assertFalse(created.raw().body().contains("a-chosen-passw0rd"));
            admin.login("chosen@acme", "a-chosen-passw0rd");
            List<String> changes = audit.events("admin.change");
            assertEquals(1, changes.size(), audit.lines().toString());
            assertTrue(changes.get(0).contains("action=account.create tenant=acme subject=admin@platform "
                    + "actor_tenant=platform"), changes.get(0));
            assertTrue(changes.get(0).contains("target=chosen@acme detail=roles=writer"), changes.get(0));
            assertTrue(audit.lines().stream().noneMatch(line -> line.contains("a-chosen-passw0rd")));
        }
    }

    @Test
    void accountsAreListedByTenantAndNameOnePageAtATime() {
        for (String name : List.of("carol", "alan", "bert")) {
            assertEquals(201, admin.post(token, "/admin/v1/accounts",
                    Map.of("username", name + "@paged", "roles", List.of("reader"))).status());
        }

        AdminClient.Response first = admin.get(token, "/admin/v1/accounts?tenant=paged&page=0&size=2");
        AdminClient.Response second = admin.get(token, "/admin/v1/accounts?tenant=paged&page=1&size=2");

        assertEquals(200, first.status(), first.toString());
        assertEquals(3, ((Number) first.map().get("total")).intValue());
        assertEquals(List.of("alan@paged", "bert@paged"), usernames(first));
        assertEquals(List.of("carol@paged"), usernames(second));
        List<String> everyone = usernames(admin.get(token, "/admin/v1/accounts?size=200"));
        assertTrue(everyone.containsAll(List.of("alice@acme", "gina@globex", "admin@platform")), everyone.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<String> usernames(AdminClient.Response page) {
        return ((List<Map<String, Object>>) page.map().get("items")).stream()
                .map(item -> (String) item.get("username")).toList();
    }

    @Test
    void disablingAnAccountRefusesItsLoginsAndRevokesItsTokensUntilItIsEnabled() {
        admin.post(token, "/admin/v1/accounts", Map.of("username", "temp@acme", "password", "temp-passw0rd-1",
                "roles", List.of("reader")));
        String access = admin.login("temp@acme", "temp-passw0rd-1");

        AdminClient.Response disabled = admin.post(token, "/admin/v1/accounts/temp@acme/disable", null);

        assertEquals(200, disabled.status(), disabled.toString());
        assertEquals("disabled", disabled.string("status"));
        assertFalse(active(access));
        assertEquals(400, admin.oauth().post("/oauth2/token", form("grant_type", "password", "username", "temp@acme",
                "password", "temp-passw0rd-1")).status());
        assertEquals("active", admin.post(token, "/admin/v1/accounts/temp@acme/enable", null).string("status"));
        admin.login("temp@acme", "temp-passw0rd-1");
    }

    @Test
    void aPasswordResetGeneratesANewPasswordAndEndsTheOldSessions() {
        admin.post(token, "/admin/v1/accounts", Map.of("username", "forgetful@acme", "password", "old-passw0rd-1",
                "roles", List.of("reader")));
        OAuthClient.Response login = admin.oauth().post("/oauth2/token", form("grant_type", "password",
                "username", "forgetful@acme", "password", "old-passw0rd-1"));

        AdminClient.Response reset = admin.post(token, "/admin/v1/accounts/forgetful@acme/password", Map.of());

        assertEquals(200, reset.status(), reset.toString());
        String generated = reset.string("generatedPassword");
        admin.login("forgetful@acme", generated);
        assertEquals(400, admin.oauth().post("/oauth2/token", form("grant_type", "password",
                "username", "forgetful@acme", "password", "old-passw0rd-1")).status());
        assertEquals(400, admin.oauth().post("/oauth2/token", form("grant_type", "refresh_token",
                "refresh_token", login.string("refresh_token"))).status());
        assertFalse(active(login.string("access_token")));

        AdminClient.Response chosen = admin.post(token, "/admin/v1/accounts/forgetful@acme/password",
                Map.of("password", "brand-new-passw0rd"));
        assertNull(chosen.map().get("generatedPassword"));
        admin.login("forgetful@acme", "brand-new-passw0rd");
    }

    @Test
    void newRolesReplaceTheOldOnesAndTokensCarryingTheOldOnesAreRevoked() {
        admin.post(token, "/admin/v1/accounts", Map.of("username", "promoted@acme", "password", "promoted-passw0rd",
                "roles", List.of("reader")));
        String before = admin.login("promoted@acme", "promoted-passw0rd");

        AdminClient.Response changed = admin.put(token, "/admin/v1/accounts/promoted@acme/roles",
                Map.of("roles", List.of("writer", "reader")));

        assertEquals(200, changed.status(), changed.toString());
        assertEquals(List.of("reader", "writer"), changed.map().get("roles"));
        assertFalse(active(before));
    }

    @Test
    void badInputIsAProblemDocumentNamingTheField() {
        assertFieldProblem("username", admin.post(token, "/admin/v1/accounts",
                Map.of("username", "no-tenant", "roles", List.of("reader"))));
        assertFieldProblem("roles", admin.post(token, "/admin/v1/accounts",
                Map.of("username", "x@acme", "roles", List.of("superuser"))));
        assertFieldProblem("roles", admin.post(token, "/admin/v1/accounts", Map.of("username", "x@acme")));
        AdminClient.Response shortPassword = admin.post(token, "/admin/v1/accounts",
                Map.of("username", "x@acme", "password", "short", "roles", List.of("reader")));
        assertFieldProblem("password", shortPassword);
        assertFalse(shortPassword.raw().body().contains("\"short\""));
        assertFieldProblem("roles", admin.post(token, "/admin/v1/accounts",
                Map.of("username", "x@acme", "roles", List.of("platform-admin"))));
        assertFieldProblem("size", admin.get(token, "/admin/v1/accounts?size=0"));
        assertFieldProblem("username", admin.get(token, "/admin/v1/accounts/not-an-account"));
        assertProblem(400, admin.postRaw(token, "/admin/v1/accounts", "{\"username\": "));
    }

    @Test
    void creatingAnAccountThatExistsIsAConflict() {
        assertProblem(409, admin.post(token, "/admin/v1/accounts",
                Map.of("username", "alice@acme", "roles", List.of("reader"))));
    }

    /**
     * A tenant admin (a tenant user) sending bodies the JSON parser or the binder cannot read is
     * told so in our words: the one error policy shows no library's message, whatever the status.
     */
    @Test
    void anUnreadableOrMistypedBodyIsA400InOurWordsNotTheParsers() {
        String acmeAdmin = fixture.acmeAdmin();
        List<String> bodies = List.of(
                "{\"username\":\"x@acme\",", // cut short
                "[1,2]", // not an object
                "\"\\ud800\"", // a lone surrogate in a string
                "{\"username\":\"x@acme\",\"roles\":\"reader\"}", // a string where a list goes
                "{\"username\":\"x@acme\",\"roles\":[\"reader\"],\"password\":{\"a\":1}}"); // an object for a string
        for (String body : bodies) {
            AdminClient.Response refused = assertProblem(400, admin.postRaw(acmeAdmin, "/admin/v1/accounts", body));

            assertEquals(Set.of("type", "title", "status", "detail"), refused.map().keySet(), refused.toString());
            assertEquals(ProblemBodyProvider.UNREADABLE_BODY, refused.string("detail"), refused.toString());
        }
    }
}
