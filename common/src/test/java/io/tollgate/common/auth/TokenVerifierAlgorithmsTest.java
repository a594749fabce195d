package io.tollgate.common.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The signature algorithms auth-service can be configured to sign with are the ones verifiers accept. */
class TokenVerifierAlgorithmsTest {

    private static TokenVerifier verifier(List<String> algorithms, JWK publicKey) {
        TokenVerifierConfig config = new TokenVerifierConfig("tollgate", "tollgate", URI.create("http://unused"),
                algorithms, Duration.ofSeconds(30), 8192, 100, Duration.ofMinutes(5));
        return new TokenVerifier(config, new ImmutableJWKSet<>(new JWKSet(publicKey)), Clock.systemUTC());
    }

    private static String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(),
                TokenVerifierAttackCorpusTest.claims().build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void edDsaTokensVerifyWhenEdDsaIsAllowed() throws Exception {
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
        String token = sign(JWSAlgorithm.EdDSA, "ed", new Ed25519Signer(key));
        assertEquals("acme", verifier(List.of("EdDSA"), key.toPublicJWK()).verify(token).tenantId());
        assertThrows(InvalidTokenException.class, () -> verifier(List.of("RS256"), key.toPublicJWK()).verify(token),
                "an algorithm outside the allow-list is refused");
    }

    @Test
    void es256TokensVerifyWhenEs256IsAllowed() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        String token = sign(JWSAlgorithm.ES256, "ec", new ECDSASigner(key));
        assertEquals("acme", verifier(List.of("ES256"), key.toPublicJWK()).verify(token).tenantId());
        assertThrows(InvalidTokenException.class, () -> verifier(List.of("RS256"), key.toPublicJWK()).verify(token));
    }
}
