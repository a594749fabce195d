package io.tollgate.auth.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * The keys tokens are signed with. The first key signs; every key in the list is published, so
 * that once rotation lands a retired key keeps verifying the tokens it signed until they expire.
 *
 * <p>For now the only key is generated at start-up: tokens do not survive a restart, and replicas
 * do not share keys. Keys loaded from Secrets replace this before production.
 */
@Singleton
public class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final int RSA_BITS = 2048;

    private final List<RSAKey> keys;
    private final JWKSet publicKeys;

    public SigningKeys() {
        RSAKey generated = generate();
        LOG.warn("signing tokens with a key generated at start-up (kid {}); fit for development only", generated.getKeyID());
        this.keys = List.of(generated);
        this.publicKeys = new JWKSet(keys.stream().<JWK>map(RSAKey::toPublicJWK).toList());
    }

    /** The key that signs new tokens, private part included. */
    public RSAKey signingKey() {
        return keys.get(0);
    }

    /** Every key a verifier should trust, public parts only. */
    public JWKSet publicKeys() {
        return publicKeys;
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(RSA_BITS)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }
}
