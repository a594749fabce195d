package io.tollgate.auth.service.extauthz;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.tollgate.auth.AuthServer;
import io.tollgate.proto.auth.v1.RevokeRequest;
import io.tollgate.proto.auth.v1.RevocationTarget;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tollgate.auth.service.extauthz.EnvoyCheck.allowed;
import static io.tollgate.auth.service.extauthz.EnvoyCheck.deniedStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trusted external identity providers, each pinned to one tenant: two IdPs with keys generated
 * here, their JWKS served by a real HTTP server, their tokens checked through ext_authz over gRPC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIssuerTest {
    static final String ISSUER_A = "https://idp.acme.example/";
    static final String ISSUER_B = "https://login.globex.example/realms/globex";
    // Its tenant gets revoked whole: kept apart so that the revocation touches no other test.
    static final String ISSUER_C = "https://sso.initech.example/";

    private final PostgresDatabase db = PostgresDatabase.create();
    private RSAKey keyA;
    private RSAKey keyB;
    private RSAKey keyC;
    private ECKey ecKeyA;
    private JwksServer jwks;
    private RegistryDouble router;
    private AuthServer server;

    @BeforeAll
    void start() throws Exception {
        keyA = new RSAKeyGenerator(2048).keyID("a-1").generate();
        ecKeyA = new ECKeyGenerator(Curve.P_256).keyID("a-ec").generate();
        keyB = new RSAKeyGenerator(2048).keyID("b-1").generate();
        keyC = new RSAKeyGenerator(2048).keyID("c-1").generate();
        jwks = new JwksServer();
        router = RegistryDouble.withActiveTenants("acme", "globex", "initech");
        server = AuthServer.start(db, router, issuers(Map.of()));
    }

    private Map<String, Object> issuers(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("tollgate.auth.ext-authz.issuers.acme-idp.issuer", ISSUER_A);
        properties.put("tollgate.auth.ext-authz.issuers.acme-idp.jwks-uri",
                jwks.publish("/acme/jwks", keyA, ecKeyA).toString());
        properties.put("tollgate.auth.ext-authz.issuers.acme-idp.audience", "trino");
        properties.put("tollgate.auth.ext-authz.issuers.acme-idp.tenant", "acme");
        properties.put("tollgate.auth.ext-authz.issuers.acme-idp.username-claim", "preferred_username");
        properties.put("tollgate.auth.ext-authz.issuers.acme-idp.roles-claim", "groups");
        properties.put("tollgate.auth.ext-authz.issuers.acme-idp.role-mappings",
                List.of("analysts=reader", "Data Engineers=writer"));
        properties.put("tollgate.auth.ext-authz.issuers.globex-idp.issuer", ISSUER_B);
        properties.put("tollgate.auth.ext-authz.issuers.globex-idp.jwks-uri",
                jwks.publish("/globex/jwks", keyB).toString());
        properties.put("tollgate.auth.ext-authz.issuers.globex-idp.audience", "trino");
        properties.put("tollgate.auth.ext-authz.issuers.globex-idp.tenant", "globex");
        properties.put("tollgate.auth.ext-authz.issuers.initech-idp.issuer", ISSUER_C);
        properties.put("tollgate.auth.ext-authz.issuers.initech-idp.jwks-uri",
                jwks.publish("/initech/jwks", keyC).toString());
        properties.put("tollgate.auth.ext-authz.issuers.initech-idp.audience", "trino");
        properties.put("tollgate.auth.ext-authz.issuers.initech-idp.tenant", "initech");
        properties.putAll(overrides);
        return properties;
    }

    @AfterAll
    void stop() {
        server.close();
        router.close();
        jwks.close();
    }

    static JWTClaimsSet.Builder claims(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience("trino").subject(UUID.randomUUID().toString())
                .claim("preferred_username", "ann").claim("groups", List.of("analysts", "Data Engineers", "other"))
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims, key);
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CheckResponse check(String token) {
        return EnvoyCheck.on(server.envoyChannel()).bearer(token).check();
    }

    @Test
    void aTokenOfTenantAsIdentityProviderActsInTenantAWithItsMappedRoles() {
        CheckResponse response = check(sign(keyA, claims(ISSUER_A).build()));

        assertTrue(allowed(response), response.toString());
        assertEquals(Map.of("x-trino-user", "ann@acme", "x-tollgate-tenant", "acme", "x-tollgate-roles", "reader,writer"),
                EnvoyCheck.set(response));
    }

    @Test
    void theTenantClaimOfAnExternalTokenIsIgnoredInFavourOfThePin() {
        CheckResponse response = check(sign(keyA, claims(ISSUER_A).claim("tid", "globex").build()));

        assertTrue(allowed(response), response.toString());
        assertEquals("acme", EnvoyCheck.set(response).get("x-tollgate-tenant"));
        assertEquals(403, deniedStatus(EnvoyCheck.on(server.envoyChannel())
                .bearer(sign(keyA, claims(ISSUER_A).claim("tid", "globex").build())).route("tenant", "globex").check()));
    }

    @Test
    void aTokenFromTenantAsIdentityProviderCanNeverActInTenantB() {
        // Signed by A's key but claiming B's issuer: verified against B's keys only.
        assertEquals(401, deniedStatus(check(sign(keyA, claims(ISSUER_B).build()))));
        // Claiming B's issuer with A's kid: B's JWKS has no such key.
        assertEquals(401, deniedStatus(check(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("b-1").build(),
                claims(ISSUER_B).build(), keyA))));
        // Claiming Tollgate's own issuer: Tollgate's keys only.
        assertEquals(401, deniedStatus(check(sign(keyA, claims("tollgate").audience("tollgate")
                .claim("tid", "globex").build()))));
        // Genuine B tokens act in B.
        CheckResponse b = check(sign(keyB, claims(ISSUER_B).build()));
        assertTrue(allowed(b), b.toString());
        assertEquals("globex", EnvoyCheck.set(b).get("x-tollgate-tenant"));
        assertEquals("", EnvoyCheck.set(b).getOrDefault("x-tollgate-roles", ""), "no mapping, no roles");
    }

    @Test
    void externalTokensThatAreWrongInAnyWayAreRefusedWith401() throws Exception {
        List<String> refused = List.of(
                sign(keyA, claims(ISSUER_A).audience("someone-else").build()),
                sign(keyA, claims(ISSUER_A).expirationTime(Date.from(Instant.now().minusSeconds(120))).build()),
                sign(keyA, claims(ISSUER_A).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()),
                sign(keyA, claims(ISSUER_A).claim("preferred_username", null).build()),
                sign(keyA, claims(ISSUER_A).issueTime(null).build()),
                sign(keyA, claims("https://unknown.example/").build()),
                es256(claims(ISSUER_A).build()),
                Forgery.unsigned("none", claims(ISSUER_A).build()));
        for (String token : refused) {
            CheckResponse response = check(token);
            assertEquals(401, deniedStatus(response), response.toString());
        }
    }

    // A's JWKS publishes this EC key, but only RS256 is configured for A.
    private String es256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("a-ec").build(), claims);
        jwt.sign(new ECDSASigner(ecKeyA));
        return jwt.serialize();
    }

    @Test
    void aClaimThatCannotTravelAsAHeaderIsRefusedWith403() {
        CheckResponse response = check(sign(keyA, claims(ISSUER_A).claim("preferred_username", "ann\r\nx-evil: 1")
                .build()));

        assertEquals(403, deniedStatus(response), response.toString());
    }

    @Test
    void revokingThePinnedTenantOrSuspendingItRefusesItsExternalTokens() {
        router.setStatus("globex", TenantStatus.TENANT_STATUS_SUSPENDED);
        try {
            assertEquals(403, deniedStatus(check(sign(keyB, claims(ISSUER_B).build()))));
        } finally {
            router.setStatus("globex", TenantStatus.TENANT_STATUS_ACTIVE);
        }
        String token = sign(keyC, claims(ISSUER_C).build());
        assertTrue(allowed(check(token)));

        server.auth().revoke(RevokeRequest.newBuilder()
                .setTarget(RevocationTarget.newBuilder().setTenantId("initech")).setReason("test").build());

        Await.until(() -> deniedStatus(check(token)) == 401, Duration.ofSeconds(5), "the revoked token is refused");
    }

    @Test
    void anIssuerThatCouldBreakTenantIsolationStopsTheStartUp() {
        List<Map<String, Object>> refused = List.of(
                Map.of("tollgate.auth.ext-authz.issuers.acme-idp.tenant", "platform"),
                Map.of("tollgate.auth.ext-authz.issuers.globex-idp.issuer", ISSUER_A),
                Map.of("tollgate.auth.ext-authz.issuers.acme-idp.issuer", "tollgate"),
                Map.of("tollgate.auth.ext-authz.issuers.acme-idp.algorithms", List.of("HS256")),
                Map.of("tollgate.auth.ext-authz.issuers.acme-idp.role-mappings", List.of("root=platform-admin")));
        for (Map<String, Object> override : refused) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> AuthServer.start(db, router, issuers(override)).close(), override.toString());
            assertTrue(causes(e).contains("tollgate.auth.ext-authz.issuers."), override + ": " + causes(e));
        }
    }

    private static String causes(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" / ");
        }
        return messages.toString();
    }
}
