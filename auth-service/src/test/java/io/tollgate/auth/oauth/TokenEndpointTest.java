package io.tollgate.auth.oauth;

import io.tollgate.auth.AuthServer;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.OAuthClient.Response;
import io.tollgate.auth.TestSupport;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.proto.auth.v1.IntrospectResponse;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tollgate.auth.OAuthClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /oauth2/token over real HTTP: each grant's success and each RFC 6749 §5.2 error. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenEndpointTest {
    static final String BOOTSTRAP = """
            {"accounts":[
              {"username":"alice@acme","password":"al1ce-pw","roles":["writer","reader"]},
              {"username":"gone@acme","password":"g0ne-pw","roles":["reader"]},
              {"username":"admin@platform","password":"adm1n-pw","roles":["platform-admin"]}
             ],
             "clients":[
              {"clientId":"etl-acme","secret":"etl-secret-0123456789","tenantId":"acme","roles":["reader"],
               "scopes":["catalog","sql"]},
              {"clientId":"sql-only","secret":"sql-secret-0123456789","tenantId":"acme","roles":["reader"],
               "scopes":["sql"]}
             ]}""";

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private AuthServer server;
    private OAuthClient client;
    private TokenVerifier verifier;

    @BeforeAll
    void start() throws Exception {
        router = RegistryDouble.withActiveTenants("acme");
        server = AuthServer.start(db, router, Map.of(
                "tollgate.auth.bootstrap-file", TestSupport.bootstrapFile(BOOTSTRAP).toString(),
                "tollgate.auth.public-url", "https://auth.example.test/"));
        client = new OAuthClient(server);
        verifier = server.verifier();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.accounts SET status = 'disabled' WHERE name = 'gone'");
        }
    }

    @AfterAll
    void stop() {
        server.close();
        router.close();
    }

    @Test
    void aPasswordGrantReturnsABearerTokenARefreshTokenAndForbidsCaching() throws Exception {
        Response response = password("alice@acme", "al1ce-pw");

        assertEquals(200, response.status(), response.toString());
        assertEquals("Bearer", response.string("token_type"));
        assertEquals(900, ((Number) response.json().get("expires_in")).intValue());
        assertEquals("catalog spark sql", response.string("scope"));
        assertTrue(response.string("refresh_token").matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url");
        assertEquals("no-store", response.header("Cache-Control").orElseThrow());
        assertEquals("no-cache", response.header("Pragma").orElseThrow());
        assertTrue(response.header("Content-Type").orElseThrow().startsWith("application/json"));

        Principal principal = verifier.verify(response.string("access_token"));
        assertEquals("alice@acme", principal.subject());
        assertEquals("acme", principal.tenantId());
        assertEquals(Set.of("writer", "reader"), principal.roles());
        assertEquals(Set.of("sql", "catalog", "spark"), principal.scopes());
    }

    @Test
    void aPasswordGrantGetsTheRequestedScopesItMayHaveAndInvalidScopeWhenNoneIsLeft() {
        assertEquals("sql", password("alice@acme", "al1ce-pw", "scope", "sql").string("scope"));
        assertEquals("sql", password("alice@acme", "al1ce-pw", "scope", "sql admin").string("scope"));

        Response none = password("alice@acme", "al1ce-pw", "scope", "admin");
        assertError(400, "invalid_scope", none);
    }

    @Test
    void aWrongPasswordAnUnknownAccountAnUnknownTenantAndADisabledAccountGetOneAndTheSameInvalidGrant() {
        Response wrong = password("alice@acme", "wrong");
        assertError(400, "invalid_grant", wrong);
        for (Response other : new Response[] {
                password("nobody@acme", "al1ce-pw"),
                password("alice@nowhere", "al1ce-pw"),
                password("gone@acme", "g0ne-pw"),
                password("not-a-name", "al1ce-pw")}) {
            assertEquals(wrong.status(), other.status());
            assertEquals(wrong.json(), other.json());
        }
    }

    @Test
    void theClientCredentialsGrantWithHttpBasicReturnsATokenForTheClientAndNoRefreshToken() throws Exception {
        Response response = client.postBasic("/oauth2/token", form("grant_type", "client_credentials"),
                "etl-acme", "etl-secret-0123456789");

        assertEquals(200, response.status(), response.toString());
        assertFalse(response.json().containsKey("refresh_token"));
        assertEquals("catalog sql", response.string("scope"));
        Principal principal = verifier.verify(response.string("access_token"));
        assertEquals("etl-acme@acme", principal.subject(), "a client's id is name@tenant");
        assertEquals("acme", principal.tenantId());
        assertEquals(Set.of("reader"), principal.roles());
    }

    @Test
    void theClientCredentialsGrantAcceptsTheSecretInTheBodyAsIcebergClientsSendIt() {
        Response response = client.post("/oauth2/token", form("grant_type", "client_credentials",
                "client_id", "etl-acme", "client_secret", "etl-secret-0123456789", "scope", "catalog"));

        assertEquals(200, response.status(), response.toString());
        assertEquals("catalog", response.string("scope"));
    }

    @Test
    void aClientsRequestedScopesAreNarrowedToWhatItMayHave() {
        Response narrowed = client.postBasic("/oauth2/token", form("grant_type", "client_credentials",
                "scope", "catalog sql"), "sql-only", "sql-secret-0123456789");
        assertEquals("sql", narrowed.string("scope"));

        Response none = client.postBasic("/oauth2/token", form("grant_type", "client_credentials",
                "scope", "catalog"), "sql-only", "sql-secret-0123456789");
        assertError(400, "invalid_scope", none);
    }

    @Test
    void aWrongClientSecretIsInvalidClientWithABasicChallengeHoweverItWasSent() {
        Response basic = client.postBasic("/oauth2/token", form("grant_type", "client_credentials"),
                "etl-acme", "wrong-secret-0123456789");
        assertError(401, "invalid_client", basic);
        assertEquals("Basic realm=\"tollgate\"", basic.header("WWW-Authenticate").orElseThrow());

        Response post = client.post("/oauth2/token", form("grant_type", "client_credentials",
                "client_id", "etl-acme", "client_secret", "wrong-secret-0123456789"));
        assertError(401, "invalid_client", post);
        assertEquals(basic.json(), post.json());

        Response unknown = client.postBasic("/oauth2/token", form("grant_type", "client_credentials"),
                "nobody", "wrong-secret-0123456789");
        assertEquals(basic.json(), unknown.json());

        Response anonymous = client.post("/oauth2/token", form("grant_type", "client_credentials"));
        assertError(401, "invalid_client", anonymous);
    }

    @Test
    void malformedRequestsAreInvalidRequestWithADescriptionOfWhatIsWrong() {
        assertInvalidRequest("missing parameter: grant_type", client.post("/oauth2/token",
                form("username", "alice@acme")));
        assertInvalidRequest("missing parameter: username", client.post("/oauth2/token",
                form("grant_type", "password", "password", "al1ce-pw")));
        assertInvalidRequest("parameter repeated: scope", client.post("/oauth2/token",
                "grant_type=password&username=alice%40acme&password=al1ce-pw&scope=sql&scope=catalog",
                "application/x-www-form-urlencoded", null));
        assertInvalidRequest("the body must be application/x-www-form-urlencoded", client.post("/oauth2/token",
                "{\"grant_type\":\"password\"}", "application/json", null));
        assertInvalidRequest("more than one client authentication method", client.post("/oauth2/token",
                "grant_type=client_credentials&client_id=etl-acme&client_secret=etl-secret-0123456789",
                "application/x-www-form-urlencoded", OAuthClient.basic("etl-acme", "etl-secret-0123456789")));
    }

    @Test
    void twoAuthorizationHeadersAreAnInvalidRequestWhicheverIsRight() {
        String right = OAuthClient.basic("etl-acme", "etl-secret-0123456789");
        String wrong = OAuthClient.basic("etl-acme", "guess-0123456789");
        for (List<String> pair : List.of(List.of(right, right), List.of(right, wrong), List.of(wrong, right))) {
            assertInvalidRequest("more than one Authorization header", client.post("/oauth2/token",
                    "grant_type=client_credentials", "application/x-www-form-urlencoded", pair.get(0),
                    Map.of("Authorization", pair.get(1))));
        }
    }

    @Test
    void aClientAuthenticatesByItsNamespacedIdWithHttpBasicOrTheFormAsByTheBareIdItsBootstrapFileGave() throws Exception {
        for (Response response : List.of(
                client.postBasic("/oauth2/token", form("grant_type", "client_credentials"), "etl-acme@acme",
                        "etl-secret-0123456789"),
                client.post("/oauth2/token", form("grant_type", "client_credentials", "client_id", "etl-acme@acme",
                        "client_secret", "etl-secret-0123456789")),
                client.post("/oauth2/token", form("grant_type", "client_credentials", "client_id", "etl-acme",
                        "client_secret", "etl-secret-0123456789")))) {
            assertEquals(200, response.status(), response.toString());
            assertEquals("etl-acme@acme", verifier.verify(response.string("access_token")).subject());
        }
        assertError(401, "invalid_client", client.postBasic("/oauth2/token", form("grant_type", "client_credentials"),
                "etl-acme@globex", "etl-secret-0123456789"));
    }

    @Test
    void aParameterSentWithoutAValueCountsAsAbsent() {
        Response response = client.post("/oauth2/token",
                "grant_type=password&username=alice%40acme&password=al1ce-pw&scope=",
                "application/x-www-form-urlencoded", null);

        assertEquals(200, response.status(), response.toString());
        assertEquals("catalog spark sql", response.string("scope"));
    }

    @Test
    void anUnknownGrantTypeIsUnsupportedGrantType() {
        assertError(400, "unsupported_grant_type", client.post("/oauth2/token",
                form("grant_type", "authorization_code", "code", "x")));
    }

    @Test
    void aServiceClientAskingForThePasswordGrantIsUnauthorizedClient() {
        Response response = client.postBasic("/oauth2/token", form("grant_type", "password",
                "username", "alice@acme", "password", "al1ce-pw"), "etl-acme", "etl-secret-0123456789");

        assertError(400, "unauthorized_client", response);
    }

    @Test
    void aRefreshTokenIsRotatedAtEveryUse() throws Exception {
        Response login = password("alice@acme", "al1ce-pw");
        Response first = refresh(login.string("refresh_token"));
        assertEquals(200, first.status(), first.toString());
        assertNotEquals(login.string("refresh_token"), first.string("refresh_token"));
        assertEquals("alice@acme", verifier.verify(first.string("access_token")).subject());

        Response second = refresh(first.string("refresh_token"));
        assertEquals(200, second.status(), second.toString());
        assertNotEquals(first.string("refresh_token"), second.string("refresh_token"));
    }

    @Test
    void aRefreshCanNarrowTheScopeOfItsAccessTokenWhileTheFamilyKeepsItsOwn() {
        Response login = password("alice@acme", "al1ce-pw");
        Response narrow = client.post("/oauth2/token", form("grant_type", "refresh_token",
                "refresh_token", login.string("refresh_token"), "scope", "sql"));
        assertEquals("sql", narrow.string("scope"));

        Response wide = refresh(narrow.string("refresh_token"));
        assertEquals("catalog spark sql", wide.string("scope"));

        Response beyond = client.post("/oauth2/token", form("grant_type", "refresh_token",
                "refresh_token", wide.string("refresh_token"), "scope", "admin"));
        assertError(400, "invalid_scope", beyond);
    }

    @Test
    void reusingAConsumedRefreshTokenRevokesTheFamilyAndEveryAccessTokenItIssued() throws Exception {
        Response login = password("alice@acme", "al1ce-pw");
        Response rotated = refresh(login.string("refresh_token"));
        assertEquals(200, rotated.status(), rotated.toString());
        Response unrelated = password("alice@acme", "al1ce-pw");

        Response reuse = refresh(login.string("refresh_token"));

        assertError(400, "invalid_grant", reuse);
        assertError(400, "invalid_grant", refresh(rotated.string("refresh_token")));
        assertFalse(introspect(login.string("access_token")).getActive(), "the first access token is revoked");
        assertFalse(introspect(rotated.string("access_token")).getActive(), "the rotated access token is revoked");
        assertTrue(introspect(unrelated.string("access_token")).getActive(), "another login's token is not");
        assertEquals(200, refresh(unrelated.string("refresh_token")).status(), "nor is another login's family");
        // The verifiers in the other services learn of it through the revocation log.
        Set<String> revokedJtis = revokedJtis();
        assertTrue(revokedJtis.contains(verifier.verify(login.string("access_token")).tokenId()));
        assertTrue(revokedJtis.contains(verifier.verify(rotated.string("access_token")).tokenId()));
    }

    @Test
    void theDiscoveryDocumentNamesTheEndpointsUnderThePublicUrl() {
        Response response = client.get("/.well-known/openid-configuration");

        assertEquals(200, response.status());
        Map<String, Object> doc = response.json();
        assertEquals("tollgate", doc.get("issuer"));
        assertEquals("https://auth.example.test/oauth2/token", doc.get("token_endpoint"));
        assertEquals("https://auth.example.test/oauth2/jwks", doc.get("jwks_uri"));
        assertEquals("https://auth.example.test/oauth2/introspect", doc.get("introspection_endpoint"));
        assertEquals("https://auth.example.test/oauth2/revoke", doc.get("revocation_endpoint"));
        assertEquals(List.of("password", "client_credentials", "refresh_token"), doc.get("grant_types_supported"));
        assertEquals(List.of("client_secret_basic", "client_secret_post"),
                doc.get("token_endpoint_auth_methods_supported"));
        assertEquals(List.of("RS256"), doc.get("id_token_signing_alg_values_supported"));
        assertEquals(List.of("catalog", "spark", "sql"), doc.get("scopes_supported"));
        assertEquals(doc, client.get("/.well-known/oauth-authorization-server").json());
    }

    @Test
    void anUnknownRefreshTokenIsInvalidGrant() {
        assertError(400, "invalid_grant", refresh("not-a-token-we-issued"));
    }

    @Test
    void aPlatformAdministratorLogsInThoughTheRegistryDoesNotKnowThePlatformTenant() throws Exception {
        Response response = password("admin@platform", "adm1n-pw");

        assertEquals(200, response.status(), response.toString());
        Principal principal = verifier.verify(response.string("access_token"));
        assertEquals("platform", principal.tenantId());
        assertEquals(Set.of("platform-admin"), principal.roles());
    }

    private Response password(String username, String password, String... extra) {
        Map<String, String> form = form("grant_type", "password", "username", username, "password", password);
        form.putAll(form(extra));
        return client.post("/oauth2/token", form);
    }

    private Response refresh(String refreshToken) {
        return client.post("/oauth2/token", form("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private IntrospectResponse introspect(String token) {
        return server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build());
    }

    private Set<String> revokedJtis() throws Exception {
        Set<String> jtis = new HashSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM auth.revocations WHERE kind = 'token'")) {
            while (rs.next()) {
                jtis.add(rs.getString(1));
            }
        }
        return jtis;
    }

    private static void assertInvalidRequest(String description, Response response) {
        assertError(400, "invalid_request", response);
        assertEquals(description, response.string("error_description"));
    }

    static void assertError(int status, String error, Response response) {
        assertEquals(status, response.status(), response.toString());
        assertEquals(error, response.string("error"), response.toString());
        assertEquals("no-store", response.header("Cache-Control").orElse(null));
        assertFalse(response.json().containsKey("access_token"));
    }
}
