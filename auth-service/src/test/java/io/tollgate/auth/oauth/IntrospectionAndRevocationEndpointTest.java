package io.tollgate.auth.oauth;

import io.tollgate.auth.AuthServer;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.OAuthClient.Response;
import io.tollgate.auth.TestSupport;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static io.tollgate.auth.OAuthClient.form;
import static io.tollgate.auth.oauth.TokenEndpointTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /oauth2/introspect (RFC 7662) and POST /oauth2/revoke (RFC 7009) over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntrospectionAndRevocationEndpointTest {
    static final String BOOTSTRAP = """
            {"accounts":[{"username":"alice@acme","password":"al1ce-pw","roles":["reader"]},
                         {"username":"gina@globex","password":"g1na-pw","roles":["reader"]}],
             "clients":[
              {"clientId":"gateway","secret":"gateway-secret-0123456789","tenantId":"acme","roles":["reader"],
               "scopes":["sql"]}
             ]}""";
    private static final String ID = "gateway";
    private static final String SECRET = "gateway-secret-0123456789";

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private AuthServer server;
    private OAuthClient client;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme", "globex");
        server = AuthServer.start(db, router, Map.of("tollgate.auth.bootstrap-file",
                TestSupport.bootstrapFile(BOOTSTRAP).toString()));
        client = new OAuthClient(server);
    }

    @AfterAll
    void stop() {
        server.close();
        router.close();
    }

    @Test
    void introspectionAnswersOnlyAnAuthenticatedServiceClient() {
        String token = login("alice@acme", "al1ce-pw").string("access_token");

        Response anonymous = client.post("/oauth2/introspect", form("token", token));
        assertError(401, "invalid_client", anonymous);
        assertEquals("Basic realm=\"tollgate\"", anonymous.header("WWW-Authenticate").orElseThrow());
        assertFalse(anonymous.json().containsKey("active"));

        assertError(401, "invalid_client", client.postBasic("/oauth2/introspect", form("token", token),
                ID, "wrong-secret-0123456789"));

        Response bearer = client.post("/oauth2/introspect", OAuthClient.encode(form("token", token)),
                "application/x-www-form-urlencoded", "Bearer " + token);
        assertError(401, "invalid_client", bearer);
    }

    @Test
    void anActiveTokenIsDescribedAsRfc7662Says() {
        String token = login("alice@acme", "al1ce-pw").string("access_token");

        Response response = client.postBasic("/oauth2/introspect", form("token", token), ID, SECRET);

        assertEquals(200, response.status(), response.toString());
        Map<String, Object> json = response.json();
        assertEquals(true, json.get("active"));
        assertEquals("alice@acme", json.get("sub"));
        assertEquals("alice@acme", json.get("username"));
        assertEquals("acme", json.get("tid"));
        assertEquals("catalog spark sql", json.get("scope"));
        assertEquals(List.of("reader"), json.get("roles"));
        assertEquals("Bearer", json.get("token_type"));
        assertEquals("tollgate", json.get("iss"));
        assertEquals(900, ((Number) json.get("exp")).longValue() - ((Number) json.get("iat")).longValue());
        assertEquals("no-store", response.header("Cache-Control").orElseThrow());
    }

    @Test
    void anythingThatIsNotAnActiveTokenIsJustInactive() {
        Response garbage = client.post("/oauth2/introspect", form("token", "garbage",
                "client_id", ID, "client_secret", SECRET));

        assertEquals(200, garbage.status());
        assertEquals(Map.of("active", false), garbage.json());
    }

    @Test
    void revokingAnAccessTokenMakesItInactiveEverywhere() {
        String token = login("alice@acme", "al1ce-pw").string("access_token");

        Response response = client.postBasic("/oauth2/revoke", form("token", token,
                "token_type_hint", "access_token"), ID, SECRET);

        assertEquals(200, response.status(), response.toString());
        assertEquals(Map.of("active", false),
                client.postBasic("/oauth2/introspect", form("token", token), ID, SECRET).json());
        assertFalse(server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build()).getActive());
    }

    @Test
    void revokingARefreshTokenEndsItsFamilyAndTheAccessTokensItIssued() {
        Response login = login("alice@acme", "al1ce-pw");

        // Hinted as an access token on purpose: the server must look further.
        Response response = client.postBasic("/oauth2/revoke", form("token", login.string("refresh_token"),
                "token_type_hint", "access_token"), ID, SECRET);

        assertEquals(200, response.status(), response.toString());
        assertError(400, "invalid_grant", client.post("/oauth2/token", form("grant_type", "refresh_token",
                "refresh_token", login.string("refresh_token"))));
        assertFalse(server.auth().introspect(IntrospectRequest.newBuilder()
                .setToken(login.string("access_token")).build()).getActive());
    }

    @Test
    void anUnknownTokenIsStillAnsweredWith200() {
        Response response = client.postBasic("/oauth2/revoke", form("token", "never-issued"), ID, SECRET);

        assertEquals(200, response.status(), response.toString());
    }

    @Test
    void aClientCannotRevokeAnotherTenantsTokenButIsNotToldSo() {
        String token = login("gina@globex", "g1na-pw").string("access_token");

        Response response = client.postBasic("/oauth2/revoke", form("token", token), ID, SECRET);

        assertEquals(200, response.status());
        assertTrue(server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build()).getActive());
    }

    @Test
    void revocationRequiresClientAuthenticationAndAToken() {
        String token = login("alice@acme", "al1ce-pw").string("access_token");

        assertError(401, "invalid_client", client.post("/oauth2/revoke", form("token", token)));
        assertTrue(server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build()).getActive());
        assertError(400, "invalid_request", client.postBasic("/oauth2/revoke", form(), ID, SECRET));
    }

    private Response login(String username, String password) {
        Response response = client.post("/oauth2/token", form("grant_type", "password", "username", username,
                "password", password));
        assertEquals(200, response.status(), response.toString());
        return response;
    }
}
