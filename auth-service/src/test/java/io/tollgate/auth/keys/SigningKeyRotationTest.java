package io.tollgate.auth.keys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.auth.AuthServer;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.TestSupport;
import io.tollgate.common.auth.InvalidTokenException;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing keys from files, as a Kubernetes Secret mounts them, through a whole rotation; tokens
 * are checked with common's TokenVerifier against /oauth2/jwks, as the other services do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningKeyRotationTest {
    static final String BOOTSTRAP = """
            {"accounts":[{"username":"alice@acme","password":"al1ce-pw","roles":["reader"]}]}""";
    private static final KeyPair K1 = TestKeys.rsa(2048);
    private static final KeyPair K2 = TestKeys.rsa(2048);

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private String bootstrap;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme");
        bootstrap = TestSupport.bootstrapFile(BOOTSTRAP).toString();
    }

    @AfterAll
    void stop() {
        router.close();
    }

    @Test
    void aRotationAddsSwitchesAndRemovesKeysWithoutRefusingATokenUntilItsKeyIsGone() throws Exception {
        Path secret = secretMount(Map.of("k1.pem", TestKeys.privatePem(K1), "k2.pem", TestKeys.privatePem(K2)));

        // 1-2. The new key k2 is added and published while k1 still signs.
        String t1;
        try (AuthServer before = start(Map.of("tollgate.auth.signing.keys-dir", secret.toString(),
                "tollgate.auth.signing.active-kid", "k1"))) {
            assertEquals(Set.of("k1", "k2"), kids(before));
            t1 = login(before);
            assertEquals("k1", SignedJWT.parse(t1).getHeader().getKeyID());
        }

        // 3. k2 becomes the active key: new tokens are k2's, k1's still verify.
        String t2;
        try (AuthServer switched = start(Map.of("tollgate.auth.signing.keys-dir", secret.toString(),
                "tollgate.auth.signing.active-kid", "k2"))) {
            t2 = login(switched);
            assertEquals("k2", SignedJWT.parse(t2).getHeader().getKeyID());
            TokenVerifier verifier = switched.verifier();
            assertEquals("alice@acme", verifier.verify(t1).subject());
            assertEquals("alice@acme", verifier.verify(t2).subject());
            assertTrue(active(switched, t1));
        }

        // 4. After the longest token lifetime k1 is removed: what it signed is refused.
        Files.delete(secret.resolve("k1.pem"));
        try (AuthServer after = start(Map.of("tollgate.auth.signing.keys-dir", secret.toString()))) {
            assertEquals(Set.of("k2"), kids(after));
            TokenVerifier verifier = after.verifier();
            InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifier.verify(t1));
            assertEquals(InvalidTokenException.Reason.BAD_SIGNATURE, refused.reason());
            assertEquals("alice@acme", verifier.verify(t2).subject());
            assertFalse(active(after, t1));
        }
    }

    @Test
    void aRetiredKeyKeptAsAPublicKeyOnlyStillVerifiesWhatItSigned() throws Exception {
        Path dir = secretMount(Map.of("k1.pem", TestKeys.privatePem(K1)));
        String t1;
        try (AuthServer old = start(Map.of("tollgate.auth.signing.keys-dir", dir.toString()))) {
            t1 = login(old);
        }
        Path k1Public = TestKeys.write(TestKeys.tempDir(), "k1.pem", TestKeys.publicPem(K1));
        Path k2 = TestKeys.write(TestKeys.tempDir(), "k2.pem", TestKeys.privatePem(K2));

        try (AuthServer server = start(Map.of("tollgate.auth.signing.key-files", k1Public + "," + k2,
                "tollgate.auth.signing.active-kid", "k2"))) {
            assertEquals(Set.of("k1", "k2"), kids(server));
            assertEquals("alice@acme", server.verifier().verify(t1).subject());
        }
    }

    @Test
    void es256CanBeChosenWithAnEcP256PemKey() throws Exception {
        Path key = TestKeys.write(TestKeys.tempDir(), "ec-2026.pem", TestKeys.privatePem(TestKeys.ecP256()));

        try (AuthServer server = start(Map.of("tollgate.auth.signing.algorithm", "ES256",
                "tollgate.auth.signing.key-files", key.toString()))) {
            String token = login(server);
            assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(token).getHeader().getAlgorithm());
            assertEquals("ec-2026", SignedJWT.parse(token).getHeader().getKeyID());
            assertEquals("alice@acme", server.verifier("ES256").verify(token).subject());
            assertEquals(List.of("ES256"), new OAuthClient(server).get("/.well-known/openid-configuration").json()
                    .get("id_token_signing_alg_values_supported"));
            assertPublicOnly(server);
        }
    }

    /**
     * The signature is checked with nimbus's Ed25519Verifier against the published key: common's
     * TokenVerifier cannot check EdDSA yet (nimbus 10.5's verifier factory and key selector do not
     * handle OKP keys), see docs/auth-tokens.md.
     */
    @Test
    void edDsaCanBeChosenWithAnEd25519KeyAsPemOrAsAJwk() throws Exception {
        Path pem = TestKeys.write(TestKeys.tempDir(), "ed-pem.pem", TestKeys.privatePem(TestKeys.ed25519()));
        JWK jwk = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        Path json = TestKeys.write(TestKeys.tempDir(), "ed-jwk.json", jwk.toJSONString());

        try (AuthServer server = start(Map.of("tollgate.auth.signing.algorithm", "EdDSA",
                "tollgate.auth.signing.key-files", pem + "," + json,
                "tollgate.auth.signing.active-kid", "ed-jwk"))) {
            assertEquals(Set.of("ed-pem", "ed-jwk"), kids(server));
            String token = login(server);
            SignedJWT jwt = SignedJWT.parse(token);
            assertEquals(JWSAlgorithm.EdDSA, jwt.getHeader().getAlgorithm());
            OctetKeyPair published = jwks(server).getKeyByKeyId("ed-jwk").toOctetKeyPair();
            assertTrue(jwt.verify(new Ed25519Verifier(published)));
            assertEquals("alice@acme", jwt.getJWTClaimsSet().getSubject());
            assertPublicOnly(server);
        }
    }

    @Test
    void theJwksOfRsaKeysHoldsNoPrivatePart() throws Exception {
        Path dir = secretMount(Map.of("k1.pem", TestKeys.privatePem(K1), "k2.pem", TestKeys.privatePem(K2)));

        try (AuthServer server = start(Map.of("tollgate.auth.signing.keys-dir", dir.toString(),
                "tollgate.auth.signing.active-kid", "k2"))) {
            assertPublicOnly(server);
        }
    }

    @Test
    void anExpiredTokenSignedByAConfiguredKeyIsInactive() throws Exception {
        Path key = TestKeys.write(TestKeys.tempDir(), "k1.pem", TestKeys.privatePem(K1));
        Instant issued = Instant.now().minusSeconds(3600);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder()
                .issuer("tollgate").audience("tollgate").subject("alice@acme").claim("tid", "acme")
                .claim("roles", List.of("reader")).claim("scope", "sql").jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(issued.plusSeconds(900))).build());
        jwt.sign(new RSASSASigner(K1.getPrivate()));

        try (AuthServer server = start(Map.of("tollgate.auth.signing.key-files", key.toString()))) {
            assertFalse(active(server, jwt.serialize()));
            assertTrue(active(server, login(server)), "while a fresh one from the same key is active");
        }
    }

    @Test
    void aKeySetThatCannotBeTrustedStopsTheStartUp() {
        Path k1 = TestKeys.write(TestKeys.tempDir(), "k1.pem", TestKeys.privatePem(K1));
        Path k2 = TestKeys.write(TestKeys.tempDir(), "k2.pem", TestKeys.privatePem(K2));
        Path weak = TestKeys.write(TestKeys.tempDir(), "weak.pem", TestKeys.privatePem(TestKeys.rsa(1024)));
        Path publicOnly = TestKeys.write(TestKeys.tempDir(), "pub.pem", TestKeys.publicPem(K1));
        Path junkDir = secretMount(Map.of("k1.pem", TestKeys.privatePem(K1), "notes.txt", "not a key"));

        assertStartFails("names no configured key", Map.of("tollgate.auth.signing.key-files", k1.toString(),
                "tollgate.auth.signing.active-kid", "k9"));
        assertStartFails("set tollgate.auth.signing.active-kid", Map.of("tollgate.auth.signing.key-files",
                k1 + "," + k2));
        assertStartFails("is not a ES256 key", Map.of("tollgate.auth.signing.key-files", k1.toString(),
                "tollgate.auth.signing.algorithm", "ES256"));
        assertStartFails("is not RSA (2048 bits or more)", Map.of("tollgate.auth.signing.key-files",
                weak.toString()));
        assertStartFails("has no private part", Map.of("tollgate.auth.signing.key-files", publicOnly.toString()));
        assertStartFails("notes.txt: neither PEM nor a JWK", Map.of("tollgate.auth.signing.keys-dir",
                junkDir.toString(), "tollgate.auth.signing.active-kid", "k1"));
        assertStartFails("active-kid is set but no key is configured",
                Map.of("tollgate.auth.signing.active-kid", "k1"));
        assertStartFails("must be RS256, ES256 or EdDSA", Map.of("tollgate.auth.signing.algorithm", "HS256"));
    }

    private AuthServer start(Map<String, Object> signing) {
        Map<String, Object> properties = new HashMap<>(signing);
        properties.put("tollgate.auth.bootstrap-file", bootstrap);
        return AuthServer.start(db, router, properties);
    }

    private void assertStartFails(String message, Map<String, Object> signing) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(signing).close());
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(t.getMessage()).append('\n');
        }
        assertTrue(causes.toString().contains(message), causes.toString());
        assertFalse(causes.toString().contains("BEGIN PRIVATE KEY"), "no key material in errors");
    }

    /** A directory laid out as a Kubernetes Secret volume: files beside hidden ..data entries. */
    private static Path secretMount(Map<String, String> files) {
        Path dir = TestKeys.tempDir();
        files.forEach((name, content) -> TestKeys.write(dir, name, content));
        TestKeys.write(dir.resolve("..2026_11_21_00_00_00.000000001"), "stale.pem", "not read");
        TestKeys.write(dir, ".hidden", "not read");
        return dir;
    }

    private String login(AuthServer server) {
        return server.auth().authenticate(AuthenticateRequest.newBuilder().setUsername("alice@acme")
                .setPassword("al1ce-pw").setClientAddress("192.0.2.50").build()).getAccessToken();
    }

    private static boolean active(AuthServer server, String token) {
        return server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build()).getActive();
    }

    private static Set<String> kids(AuthServer server) throws Exception {
        return jwks(server).getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    private static JWKSet jwks(AuthServer server) throws Exception {
        return JWKSet.parse(new OAuthClient(server).get("/oauth2/jwks").raw().body());
    }

    private static void assertPublicOnly(AuthServer server) throws Exception {
        for (JWK key : jwks(server).getKeys()) {
            assertFalse(key.isPrivate(), key.getKeyID());
            Map<String, Object> json = key.toJSONObject();
            for (String member : List.of("d", "p", "q", "dp", "dq", "qi", "oth")) {
                assertFalse(json.containsKey(member), key.getKeyID() + " exposes " + member);
            }
            assertEquals("sig", json.get("use"));
            assertTrue(json.containsKey("alg"));
        }
    }
}
