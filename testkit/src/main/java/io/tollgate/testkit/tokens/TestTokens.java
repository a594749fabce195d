package io.tollgate.testkit.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.common.auth.TokenClaims;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints access tokens for tests with a key generated in memory, shaped like auth-service's: the
 * same claims, RS256. {@link #keys()} is what a verifier under test should trust.
 */
public final class TestTokens {
    private final RSAKey key;
    private final String issuer;
    private final String audience;

    public TestTokens(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key set a verifier should trust. */
    public JWKSource<SecurityContext> keys() {
        return new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    }

    /** A valid token for a subject in a tenant, with roles, living for {@code ttl}. */
    public String mint(String subject, String tenantId, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return sign(baseClaims(subject, tenantId, roles, now, now.plus(ttl)).build());
    }

    /** Claims as auth-service would set them, for a test to alter before {@link #sign}. */
    public JWTClaimsSet.Builder baseClaims(String subject, String tenantId, List<String> roles, Instant issuedAt,
                                           Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim(TokenClaims.TENANT, tenantId)
                .claim(TokenClaims.ROLES, roles)
                .claim(TokenClaims.SCOPE, "sql catalog")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
    }

    /** Signs claims with the test key (RS256, this key's kid). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
