package io.tollgate.auth;

import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.service.ServiceReplica;
import com.nimbusds.jose.jwk.JWKSet;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.tollgate.auth.config.Argon2Config;
import io.tollgate.auth.service.PasswordHasher;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.proto.auth.v1.IntrospectResponse;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticateTest implements TestPropertyProvider {
    static final PostgresDatabase DB = PostgresDatabase.create();
    static final RegistryDouble ROUTER = RegistryDouble.withActiveTenants("acme");
    private static final String BOOTSTRAP = """
            {"accounts":[
              {"username":"reader@acme","password":"s3cret","roles":["reader"]},
              {"username":"writer@acme","password":"wr1ter","roles":["writer","reader"]},
              {"username":"gone@acme","password":"g0ne","roles":["reader"]}
            ]}""";

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    private ManagedChannel channel;
    private AuthServiceGrpc.AuthServiceBlockingStub auth;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(DB.datasourceProperties());
        properties.putAll(ServiceReplica.anyPorts());
        properties.put("tollgate.auth.bootstrap-file", TestSupport.bootstrapFile(BOOTSTRAP).toString());
        properties.put("grpc.channels.router.address", ROUTER.address());
        InternalCertificates.shared().properties("auth-service").forEach((k, v) -> properties.put(k, v.toString()));
        return properties;
    }

    @BeforeAll
    void connect() {
        int grpcPort = ServiceReplica.grpcPort(server.getApplicationContext());
        channel = InternalCertificates.shared().channel(grpcPort, "flight-service", "auth-service");
        auth = AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        ROUTER.close();
    }

    @Test
    void aBootstrapAccountLogsInAndItsTokenVerifiesAgainstThePublishedKeys() throws Exception {
        AuthenticateResponse response = auth.authenticate(login("writer@acme", "wr1ter"));

        assertEquals("Bearer", response.getTokenType());
        assertEquals(Duration.ofMinutes(15).toSeconds(), response.getExpiresInSeconds());
        assertEquals("writer@acme", response.getPrincipal().getSubject());
        assertEquals("acme", response.getPrincipal().getTenantId());
        assertEquals(List.of("reader", "writer"), response.getPrincipal().getRolesList());

        Principal principal = verifier().verify(response.getAccessToken());
        assertEquals("writer@acme", principal.subject());
        assertEquals("acme", principal.tenantId());
        assertEquals(Set.of("writer", "reader"), principal.roles());
        assertEquals(Set.of("sql", "catalog", "spark"), principal.scopes());
        assertEquals(Duration.ofMinutes(15), Duration.between(principal.issuedAt(), principal.expiresAt()));
        assertFalse(principal.isReadOnly());
    }

    @Test
    void eachTokenHasItsOwnId() throws Exception {
        TokenVerifier verifier = verifier();
        String first = auth.authenticate(login("reader@acme", "s3cret")).getAccessToken();
        String second = auth.authenticate(login("reader@acme", "s3cret")).getAccessToken();

        assertNotEquals(verifier.verify(first).tokenId(), verifier.verify(second).tokenId());
        assertTrue(verifier.verify(first).isReadOnly());
    }

    @Test
    void wrongPasswordUnknownAccountAndUnknownTenantGetTheSameAnswer() {
        assertRefused(login("reader@acme", "wrong"));
        assertRefused(login("nobody@acme", "s3cret"));
        assertRefused(login("reader@nowhere", "s3cret"));
    }

    @Test
    void malformedUsernamesAndBlankCredentialsGetTheSameAnswer() {
        assertRefused(login("reader", "s3cret"));
        assertRefused(login("reader@", "s3cret"));
        assertRefused(login("@acme", "s3cret"));
        assertRefused(login("reader@ACME", "s3cret"));
        assertRefused(login("", "s3cret"));
        assertRefused(login("reader@acme", ""));
        assertRefused(login("reader@acme", "   "));
    }

    @Test
    void aDisabledAccountGetsTheSameAnswerEvenWithTheRightPassword() throws SQLException {
        auth.authenticate(login("gone@acme", "g0ne"));

        execute("UPDATE auth.accounts SET status = 'disabled' WHERE tenant_id = 'acme' AND name = 'gone'");

        assertRefused(login("gone@acme", "g0ne"));
    }

    @Test
    void aLoginUpgradesAHashMadeWithOldParameters() throws SQLException {
        String weak = new PasswordHasher(new Argon2Config(1024, 1, 1)).hash("0ld-hash");
        try (Connection connection = DB.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO auth.accounts (tenant_id, name, password_hash, roles) VALUES ('acme', 'legacy', ?, '{reader}')")) {
            insert.setString(1, weak);
            insert.executeUpdate();
        }

        auth.authenticate(login("legacy@acme", "0ld-hash"));

        String stored = query("SELECT password_hash FROM auth.accounts WHERE tenant_id = 'acme' AND name = 'legacy'");
        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), "upgraded to the configured parameters");
        auth.authenticate(login("legacy@acme", "0ld-hash"));
        assertRefused(login("legacy@acme", "wrong"));
    }

    @Test
    void theServiceTablesLiveInTheAuthSchema() throws SQLException {
        assertEquals("auth", query("SELECT table_schema FROM information_schema.tables WHERE table_name = 'accounts'"));
        assertEquals("auth", query(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'flyway_schema_history'"));
    }

    @Test
    void theJwksHoldsOnlyPublicKeyMaterial() throws Exception {
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/oauth2/jwks"), String.class);

        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getContentType().orElseThrow());
        String body = response.body();
        JWKSet keys = JWKSet.parse(body);
        assertEquals(1, keys.getKeys().size());
        Map<String, Object> key = keys.getKeys().get(0).toJSONObject();
        assertEquals("RSA", key.get("kty"));
        assertEquals("sig", key.get("use"));
        assertEquals("RS256", key.get("alg"));
        assertTrue(key.containsKey("kid"));
        for (String secret : List.of("d", "p", "q", "dp", "dq", "qi", "oth")) {
            assertFalse(key.containsKey(secret), "JWKS exposes " + secret);
        }
        assertFalse(keys.getKeys().get(0).isPrivate());
    }

    @Test
    void theGrpcHealthServiceAnswersServing() {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build());

        assertEquals(HealthCheckResponse.ServingStatus.SERVING, response.getStatus());
    }

    @Test
    void theHttpHealthEndpointAnswersUpWithoutDetails() {
        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.GET("/health"), Map.class);

        assertEquals(200, response.code());
        assertEquals("UP", response.body().get("status"));
        assertFalse(response.body().containsKey("details"));
    }

    @Test
    void introspectReportsAnIssuedTokenAsActiveWithWhatItCarries() {
        AuthenticateResponse login = auth.authenticate(login("reader@acme", "s3cret"));

        IntrospectResponse response = auth.introspect(IntrospectRequest.newBuilder()
                .setToken(login.getAccessToken()).build());

        assertTrue(response.getActive());
        assertEquals(login.getPrincipal(), response.getPrincipal());
        assertEquals(Duration.ofMinutes(15).toSeconds(),
                response.getExpiresAt().getSeconds() - response.getIssuedAt().getSeconds());
        assertFalse(response.getTokenId().isBlank());
        assertFalse(auth.introspect(IntrospectRequest.newBuilder().setToken("x").build()).getActive());
    }

    @Test
    void requestedScopesNarrowTheTokenAndScopesNoneCanHaveAreInvalidArgument() {
        AuthenticateResponse narrowed = auth.authenticate(login("reader@acme", "s3cret").toBuilder()
                .addScopes("sql").addScopes("admin").build());
        assertEquals(List.of("sql"), narrowed.getPrincipal().getScopesList());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> auth.authenticate(
                login("reader@acme", "s3cret").toBuilder().addScopes("admin").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    private void assertRefused(AuthenticateRequest request) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> auth.authenticate(request));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("invalid credentials", e.getStatus().getDescription());
    }

    private TokenVerifier verifier() {
        return TokenVerifier.fromJwksUri(new TokenVerifierConfig("tollgate", "tollgate",
                URI.create("http://localhost:" + server.getPort() + "/oauth2/jwks"), List.of("RS256"),
                Duration.ofSeconds(30), 8192, 1000, Duration.ofMinutes(5)));
    }

    private static AuthenticateRequest login(String username, String password) {
        return AuthenticateRequest.newBuilder()
                .setUsername(username)
                .setPassword(password)
                .setClientAddress("192.0.2.10")
                .build();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static String query(String sql) throws SQLException {
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next(), "no row for " + sql);
            return rs.getString(1);
        }
    }
}
