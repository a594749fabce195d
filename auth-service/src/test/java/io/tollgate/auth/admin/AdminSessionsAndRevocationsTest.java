package io.tollgate.auth.admin;

import io.tollgate.auth.OAuthClient;
import io.tollgate.proto.auth.v1.IntrospectRequest;
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

/** An account's sessions, and the revocation log, through the admin API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminSessionsAndRevocationsTest {
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

    private OAuthClient.Response passwordLogin(String username, String password) {
        return admin.oauth().post("/oauth2/token", form("grant_type", "password", "username", username,
                "password", password));
    }

    private int refresh(OAuthClient.Response login) {
        return admin.oauth().post("/oauth2/token", form("grant_type", "refresh_token",
                "refresh_token", login.string("refresh_token"))).status();
    }

    private boolean active(String token) {
        return fixture.server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build()).getActive();
    }

    private void createAccount(String username, String password) {
        assertEquals(201, admin.post(boss, "/admin/v1/accounts", Map.of("username", username, "password", password,
                "roles", List.of("reader"))).status());
    }

    @Test
    void anAccountsSessionsAreListedAndOneCanBeEndedAlone() {
        createAccount("laptop@acme", "laptop-passw0rd");
        OAuthClient.Response first = passwordLogin("laptop@acme", "laptop-passw0rd");
        OAuthClient.Response second = passwordLogin("laptop@acme", "laptop-passw0rd");

        AdminClient.Response sessions = admin.get(boss, "/admin/v1/accounts/laptop@acme/sessions");
        assertEquals(200, sessions.status(), sessions.toString());
        assertEquals(2, sessions.list().size());
        assertEquals(List.of("catalog", "spark", "sql"), sessions.list().get(0).get("scopes"));
        assertFalse(sessions.raw().body().contains(first.string("refresh_token")));

        // Newest first: the second login's session.
        String newest = (String) sessions.list().get(0).get("sessionId");
        assertEquals(204, admin.delete(boss, "/admin/v1/accounts/laptop@acme/sessions/" + newest).status());

        assertEquals(400, refresh(second));
        assertFalse(active(second.string("access_token")));
        assertEquals(200, refresh(first));
        assertEquals(1, admin.get(boss, "/admin/v1/accounts/laptop@acme/sessions").list().size());
        assertProblem(404, admin.delete(boss, "/admin/v1/accounts/laptop@acme/sessions/" + newest));
        assertFieldProblem("familyId", admin.delete(boss, "/admin/v1/accounts/laptop@acme/sessions/not-a-uuid"));
    }

    @Test
    void endingEverySessionRevokesTheSubject() {
        createAccount("everywhere@acme", "everywhere-passw0rd");
        OAuthClient.Response one = passwordLogin("everywhere@acme", "everywhere-passw0rd");
        OAuthClient.Response two = passwordLogin("everywhere@acme", "everywhere-passw0rd");

        AdminClient.Response revoked = admin.delete(boss, "/admin/v1/accounts/everywhere@acme/sessions");

        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals("subject", revoked.string("kind"));
        assertEquals("everywhere@acme", revoked.string("value"));
        assertEquals("admin:boss@acme", revoked.string("actor"));
        assertEquals(400, refresh(one));
        assertEquals(400, refresh(two));
        assertFalse(active(one.string("access_token")));
        assertTrue(admin.get(boss, "/admin/v1/accounts/everywhere@acme/sessions").list().isEmpty());
    }

    @Test
    void tokensSubjectsAndTenantsAreRevokedByPostAndListedNewestFirst() {
        String alice = admin.login("alice@acme", "al1ce-password");
        String platform = fixture.platformAdmin();

        AdminClient.Response byToken = admin.post(boss, "/admin/v1/revocations",
                Map.of("kind", "token", "token", alice, "reason", "laptop stolen"));
        assertEquals(201, byToken.status(), byToken.toString());
        assertFalse(active(alice));
        assertFalse(byToken.raw().body().contains(alice));

        createAccount("leaver@acme", "leaver-passw0rd");
        String leaver = admin.login("leaver@acme", "leaver-passw0rd");
        assertEquals(201, admin.post(boss, "/admin/v1/revocations",
                Map.of("kind", "subject", "tenantId", "acme", "subject", "leaver@acme")).status());
        assertFalse(active(leaver));

        String gina = admin.login("gina@globex", "g1na-password");
        assertEquals(201, admin.post(platform, "/admin/v1/revocations",
                Map.of("kind", "tenant", "tenantId", "globex", "reason", "incident")).status());
        assertFalse(active(gina));

        List<Map<String, Object>> acmeView = admin.get(boss, "/admin/v1/revocations?limit=50").list();
        assertEquals("subject", acmeView.get(0).get("kind"));
        assertTrue(acmeView.stream().allMatch(entry -> "acme".equals(entry.get("tenantId"))), acmeView.toString());
        List<Map<String, Object>> platformView = admin.get(platform, "/admin/v1/revocations?limit=50").list();
        assertEquals("tenant", platformView.get(0).get("kind"));
        assertEquals("globex", platformView.get(0).get("value"));

        assertFieldProblem("tokenId", admin.post(boss, "/admin/v1/revocations",
                Map.of("kind", "token", "tokenId", "some-jti")));
        assertFieldProblem("kind", admin.post(boss, "/admin/v1/revocations", Map.of("kind", "everything")));
        assertFieldProblem("token", admin.post(boss, "/admin/v1/revocations",
                Map.of("kind", "token", "token", "garbage")));
        assertFieldProblem("limit", admin.get(boss, "/admin/v1/revocations?limit=0"));
    }
}
