package io.tollgate.auth.service.extauthz;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.tollgate.auth.AuthServer;
import io.tollgate.proto.auth.v1.RevokeRequest;
import io.tollgate.proto.auth.v1.RevocationTarget;
import io.tollgate.proto.auth.v1.SubjectRef;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.tollgate.auth.service.extauthz.EnvoyCheck.allowed;
import static io.tollgate.auth.service.extauthz.EnvoyCheck.deniedStatus;
import static io.tollgate.auth.service.extauthz.Forgery.claims;
import static io.tollgate.auth.service.extauthz.Forgery.header;
import static io.tollgate.auth.service.extauthz.Forgery.rs256;
import static io.tollgate.auth.service.extauthz.Forgery.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every known way to forge, bend or replay a JWT, each sent through ext_authz over gRPC by a real
 * Envoy-API client: every one must be refused with 401 and no upstream headers at all, while the
 * genuine token (signed with the server's own key, which the test holds) is let through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtAuthzAttackCorpusTest {
    private final PostgresDatabase db = PostgresDatabase.create();
    private final Forgery forgery = new Forgery();
    private RegistryDouble router;
    private AuthServer server;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme", "globex", "revoked-co");
        server = AuthServer.start(db, router, Map.of("tollgate.auth.signing.key-files", forgery.keyFile()));
    }

    @AfterAll
    void stop() {
        server.close();
        router.close();
    }

    Stream<Arguments> attacks() {
        return Stream.of(
                attack("alg none", () -> unsigned("none", claims().build())),
                attack("alg None", () -> unsigned("None", claims().build())),
                attack("alg NONE", () -> unsigned("NONE", claims().build())),
                attack("alg nOnE", () -> unsigned("nOnE", claims().build())),
                attack("alg none with the genuine signature kept", () -> {
                    String genuine = forgery.genuine();
                    return unsigned("none", claims().build()) + genuine.substring(genuine.lastIndexOf('.') + 1);
                }),
                attack("HS256 signed with the public key", forgery::hmacWithPublicKey),
                attack("unknown kid", () -> rs256(header().keyID("no-such-kid").build(), claims().build(),
                        forgery.attackerKey)),
                attack("kid path traversal", () -> rs256(header().keyID("../../../../etc/passwd").build(),
                        claims().build(), forgery.attackerKey)),
                attack("kid SQL injection", () -> rs256(header().keyID("x' UNION SELECT 'secret' --").build(),
                        claims().build(), forgery.attackerKey)),
                attack("embedded jwk header with the attacker's key", () -> rs256(header().keyID("attacker-kid")
                        .jwk(forgery.attackerKey.toPublicJWK()).build(), claims().build(), forgery.attackerKey)),
                attack("embedded jwk header naming the good kid", () -> rs256(header()
                        .jwk(forgery.attackerKey.toPublicJWK()).build(), claims().build(), forgery.attackerKey)),
                attack("jku header pointing elsewhere", () -> rs256(header().keyID("attacker-kid")
                        .jwkURL(URI.create("https://attacker.example/jwks.json")).build(), claims().build(),
                        forgery.attackerKey)),
                attack("x5u header pointing elsewhere", () -> rs256(header().keyID("attacker-kid")
                        .x509CertURL(URI.create("https://attacker.example/cert.pem")).build(), claims().build(),
                        forgery.attackerKey)),
                attack("signed by another key under the good kid", () -> rs256(header().build(), claims().build(),
                        forgery.attackerKey)),
                attack("signature stripped", () -> {
                    String genuine = forgery.genuine();
                    return genuine.substring(0, genuine.lastIndexOf('.') + 1);
                }),
                attack("signature altered", forgery::signatureAltered),
                attack("payload altered (tenant swapped)", forgery::payloadAltered),
                attack("expired", () -> forgery.genuine(claims()
                        .expirationTime(Date.from(Instant.now().minusSeconds(120))).build())),
                attack("not yet valid", () -> forgery.genuine(claims()
                        .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build())),
                attack("wrong issuer", () -> forgery.genuine(claims().issuer("evil").build())),
                attack("wrong audience", () -> forgery.genuine(claims().audience("someone-else").build())),
                attack("no tenant claim", () -> forgery.genuine(claims().claim("tid", null).build())),
                attack("no expiry", () -> forgery.genuine(claims().expirationTime(null).build())),
                attack("wrong typ", () -> rs256(header().type(new JOSEObjectType("at+jwt+evil")).build(),
                        claims().build(), forgery.key)),
                attack("oversized", () -> forgery.genuine(claims().claim("pad", "x".repeat(10_000)).build())),
                attack("not a JWT at all", () -> "this.is.garbage"),
                attack("revoked by its jti", () -> {
                    JWTClaimsSet claims = claims().build();
                    revoke(RevocationTarget.newBuilder().setTokenId(claims.getJWTID()));
                    return forgery.genuine(claims);
                }),
                attack("revoked through its subject", () -> {
                    JWTClaimsSet claims = claims().subject("revoked-user@acme").build();
                    revoke(RevocationTarget.newBuilder().setSubject(SubjectRef.newBuilder()
                            .setTenantId("acme").setSubject("revoked-user@acme")));
                    return forgery.genuine(claims);
                }),
                attack("revoked through its tenant", () -> {
                    JWTClaimsSet claims = claims().subject("someone@revoked-co").claim("tid", "revoked-co").build();
                    revoke(RevocationTarget.newBuilder().setTenantId("revoked-co"));
                    return forgery.genuine(claims);
                }));
    }

    private void revoke(RevocationTarget.Builder target) {
        server.auth().revoke(RevokeRequest.newBuilder().setTarget(target).setReason("attack corpus").build());
    }

    private static Arguments attack(String name, Supplier<String> token) {
        return Arguments.of(name, token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyAttackIsRefusedWith401AndNoUpstreamHeaders(String name, Supplier<String> token) {
        String forged = token.get();
        // Revocations reach the verifier through the log within milliseconds; nothing else waits.
        Await.until(() -> deniedStatus(EnvoyCheck.on(server.envoyChannel()).bearer(forged).check()) == 401,
                Duration.ofSeconds(5), name);
        CheckResponse response = EnvoyCheck.on(server.envoyChannel()).bearer(forged).check();
        assertFalse(response.hasOkResponse(), name);
        assertEquals(com.google.rpc.Code.UNAUTHENTICATED_VALUE, response.getStatus().getCode(), name);
    }

    @Test
    void theGenuineTokenIsAllowed() {
        CheckResponse response = EnvoyCheck.on(server.envoyChannel()).bearer(forgery.genuine()).check();

        assertTrue(allowed(response), response.toString());
        assertEquals("alice@acme", EnvoyCheck.set(response).get("x-trino-user"));
    }
}
