package io.tollgate.common.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every known way to forge, bend or replay a JWT, thrown at the verifier the data services use.
 * Each must be refused; the one genuine token must pass.
 */
class TokenVerifierAttackCorpusTest {
    private static final String ISSUER = "tollgate";
    private static final String AUDIENCE = "tollgate";
    private static RSAKey key;
    private static RSAKey attackerKey;
    private static RevocationSet revocations;
    private static TokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("good-kid").generate();
        attackerKey = new RSAKeyGenerator(2048).keyID("attacker-kid").generate();
        revocations = new RevocationSet();
        TokenVerifierConfig config = new TokenVerifierConfig(ISSUER, AUDIENCE, URI.create("http://unused"),
                List.of("RS256"), Duration.ofSeconds(30), 8192, 1000, Duration.ofMinutes(5));
        verifier = new TokenVerifier(config, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), revocations,
                Clock.systemUTC());
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("reader@acme")
                .claim(TokenClaims.TENANT, "acme").claim(TokenClaims.ROLES, List.of("reader"))
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now.minusSeconds(5)))
                .notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(600)));
    }

    static String rs256(JWSHeader header, JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("good-kid").type(JOSEObjectType.JWT);
    }

    static String genuine() {
        return rs256(header().build(), claims().build(), key);
    }

    static String unsigned(String alg, JWTClaimsSet claims) {
        String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").toString();
        return header + "." + Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                attack("alg none", () -> unsigned("none", claims().build())),
                attack("alg None", () -> unsigned("None", claims().build())),
                attack("alg NONE", () -> unsigned("NONE", claims().build())),
                attack("alg nOnE", () -> unsigned("nOnE", claims().build())),
                attack("alg none with a signature kept", () -> unsigned("none", claims().build())
                        + genuine().substring(genuine().lastIndexOf('.') + 1)),
                attack("HS256 signed with the public key", TokenVerifierAttackCorpusTest::hmacWithPublicKey),
                attack("unknown kid", () -> rs256(header().keyID("no-such-kid").build(), claims().build(), attackerKey)),
                attack("kid path traversal", () -> rs256(header().keyID("../../../../etc/passwd").build(), claims().build(), attackerKey)),
                attack("kid SQL injection", () -> rs256(header().keyID("x' UNION SELECT 'secret' --").build(), claims().build(), attackerKey)),
                attack("embedded jwk header with the attacker's key", () -> rs256(header().keyID("attacker-kid")
                        .jwk(attackerKey.toPublicJWK()).build(), claims().build(), attackerKey)),
                attack("embedded jwk header naming the good kid", () -> rs256(header()
                        .jwk(attackerKey.toPublicJWK()).build(), claims().build(), attackerKey)),
                attack("jku header pointing elsewhere", () -> rs256(header().keyID("attacker-kid")
                        .jwkURL(URI.create("https://attacker.example/jwks.json")).build(), claims().build(), attackerKey)),
                attack("x5u header pointing elsewhere", () -> rs256(header().keyID("attacker-kid")
                        .x509CertURL(URI.create("https://attacker.example/cert.pem")).build(), claims().build(), attackerKey)),
                attack("signed by another key under the good kid", () -> rs256(header().build(), claims().build(), attackerKey)),
                attack("signature stripped", () -> {
                    String t = genuine();
                    return t.substring(0, t.lastIndexOf('.') + 1);
                }),
                attack("signature altered", () -> {
                    String t = genuine();
                    char last = t.charAt(t.length() - 2);
                    return t.substring(0, t.length() - 2) + (last == 'A' ? 'B' : 'A') + t.charAt(t.length() - 1);
                }),
                attack("payload altered (tenant swapped)", () -> {
                    String[] parts = genuine().split("\\.");
                    String forged = Base64URL.encode(claims().claim(TokenClaims.TENANT, "globex").build().toString()
                            .getBytes(StandardCharsets.UTF_8)).toString();
                    return parts[0] + "." + forged + "." + parts[2];
                }),
                attack("expired", () -> rs256(header().build(), claims()
                        .expirationTime(Date.from(Instant.now().minusSeconds(120))).build(), key)),
                attack("not yet valid", () -> rs256(header().build(), claims()
                        .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build(), key)),
                attack("wrong issuer", () -> rs256(header().build(), claims().issuer("evil").build(), key)),
                attack("wrong audience", () -> rs256(header().build(), claims().audience("someone-else").build(), key)),
                attack("no tenant claim", () -> rs256(header().build(), claims().claim(TokenClaims.TENANT, null).build(), key)),
                attack("no expiry", () -> rs256(header().build(), claims().expirationTime(null).build(), key)),
                attack("wrong typ", () -> rs256(header().type(new JOSEObjectType("at+jwt+evil")).build(), claims().build(), key)),
                attack("oversized", () -> rs256(header().build(), claims().claim("pad", "x".repeat(10_000)).build(), key)),
                attack("not a JWT at all", () -> "this.is.garbage"),
                attack("empty", () -> ""),
                attack("revoked by token id", () -> {
                    JWTClaimsSet claims = claims().build();
                    revocations.revokeToken(claims.getJWTID(), Instant.now().plusSeconds(600));
                    return rs256(header().build(), claims, key);
                }),
                attack("revoked through its subject", () -> {
                    JWTClaimsSet claims = claims().subject("revoked-user@acme").build();
                    revocations.revokeSubject("acme", "revoked-user@acme", Instant.now(), Instant.now().plusSeconds(600));
                    return rs256(header().build(), claims, key);
                }),
                attack("revoked through its tenant", () -> {
                    JWTClaimsSet claims = claims().claim(TokenClaims.TENANT, "suspended-co").build();
                    revocations.revokeTenant("suspended-co", Instant.now(), Instant.now().plusSeconds(600));
                    return rs256(header().build(), claims, key);
                }));
    }

    // The classic key-confusion attack: the public key's bytes used as an HMAC secret.
    private static String hmacWithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("good-kid").build(),
                    claims().build());
            jwt.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arguments attack(String name, Supplier<String> token) {
        return Arguments.of(name, token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyAttackIsRefused(String name, Supplier<String> token) {
        String forged = token.get();
        assertThrows(InvalidTokenException.class, () -> verifier.verify(forged), name);
    }

    @Test
    void theGenuineTokenIsAccepted() throws InvalidTokenException {
        Principal principal = verifier.verify(genuine());
        assertEquals("acme", principal.tenantId());
        assertEquals("reader@acme", principal.subject());
    }

    @Test
    void aTokenAcceptedOnceIsRefusedAfterItIsRevoked() throws InvalidTokenException {
        JWTClaimsSet claims = claims().subject("later-revoked@acme").build();
        String token = rs256(header().build(), claims, key);
        verifier.verify(token);
        revocations.revokeToken(claims.getJWTID(), Instant.now().plusSeconds(600));
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        assertEquals(InvalidTokenException.Reason.REVOKED, refused.reason());
    }

    @Test
    void aTokenIssuedAfterASubjectRevocationIsAccepted() throws InvalidTokenException {
        revocations.revokeSubject("acme", "relogged@acme", Instant.now().minusSeconds(60), Instant.now().plusSeconds(600));
        verifier.verify(rs256(header().build(), claims().subject("relogged@acme").build(), key));
    }
}
