package io.tollgate.auth.service.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.annotation.Context;
import io.tollgate.auth.config.SigningConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The keys tokens are signed with: the configured key files, one of which (the active kid) signs
 * new tokens while all of them are published in the JWKS, so tokens signed by a retired key keep
 * verifying until they expire. With no key configured one is generated (development only).
 *
 * <p>Created with the context ({@link Context}), so a bad key set stops the start-up instead of
 * the first login. Private key material stays inside this object: only the signer and public
 * keys leave it, and nothing here logs a key.
 */
@Context
public class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningAlgorithm algorithm;
    private final String activeKid;
    private final JWSSigner signer;
    private final JWKSet publicKeys;
    private final Set<JWSAlgorithm> publishedAlgorithms;

    public SigningKeys(SigningConfig config) {
        this.algorithm = SigningAlgorithm.fromName(config.algorithm()).orElseThrow(() -> new IllegalStateException(
                "tollgate.auth.signing.algorithm must be RS256, ES256 or EdDSA, not " + config.algorithm()));
        List<JWK> loaded = SigningKeyFiles.load(config.keysDir(), config.keyFilesOrEmpty());
        List<JWK> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JWK key : loaded) {
            SigningAlgorithm keyAlgorithm = SigningAlgorithm.forKey(key).orElseThrow(() -> new IllegalStateException(
                    "signing key " + key.getKeyID() + " is not RSA (2048 bits or more), EC P-256 or Ed25519"));
            if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(keyAlgorithm.jws().getName())) {
                throw new IllegalStateException("signing key " + key.getKeyID() + " declares alg "
                        + key.getAlgorithm() + " but is a " + keyAlgorithm + " key");
            }
            if (!kids.add(key.getKeyID())) {
                throw new IllegalStateException("two signing keys have the kid " + key.getKeyID());
            }
            keys.add(withAlgorithm(key, keyAlgorithm));
        }
        if (keys.isEmpty()) {
            if (config.activeKid() != null && !config.activeKid().isBlank()) {
                throw new IllegalStateException("tollgate.auth.signing.active-kid is set but no key is configured");
            }
            JWK generated = algorithm.generate(UUID.randomUUID().toString());
            LOG.warn("no signing keys configured: signing tokens with a {} key generated at start-up (kid {}); "
                    + "fit for development only", algorithm, generated.getKeyID());
            keys.add(generated);
        }
        JWK active = chooseActive(keys, config.activeKid());
        if (!active.isPrivate()) {
            throw new IllegalStateException("the active signing key " + active.getKeyID() + " has no private part");
        }
        if (SigningAlgorithm.forKey(active).orElseThrow() != algorithm) {
            throw new IllegalStateException("the active signing key " + active.getKeyID() + " is not a " + algorithm
                    + " key (tollgate.auth.signing.algorithm)");
        }
        this.activeKid = active.getKeyID();
        this.signer = algorithm.signer(active);
        this.publicKeys = new JWKSet(keys.stream().map(JWK::toPublicJWK).toList());
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        algorithms.add(algorithm.jws());
        keys.forEach(k -> algorithms.add(SigningAlgorithm.forKey(k).orElseThrow().jws()));
        this.publishedAlgorithms = Set.copyOf(algorithms);
        LOG.info("signing tokens with {} key {}; publishing kids {}", algorithm, activeKid,
                keys.stream().map(JWK::getKeyID).toList());
        if (publishedAlgorithms.contains(JWSAlgorithm.EdDSA)) {
            // nimbus 10.5's default verifier factory and key selector do not handle OKP keys, so
            // common's TokenVerifier (every data service, and Introspect here) refuses these tokens.
            LOG.warn("EdDSA keys are published: Tollgate's TokenVerifier cannot verify EdDSA tokens yet; "
                    + "use RS256 or ES256 until it can (see docs/auth-tokens.md)");
        }
    }

    /** The algorithm new tokens are signed with. */
    public JWSAlgorithm algorithm() {
        return algorithm.jws();
    }

    /** The kid new tokens name in their header. */
    public String activeKid() {
        return activeKid;
    }

    /** Signs with the active key. */
    public JWSSigner signer() {
        return signer;
    }

    /** Every key a verifier should trust, public parts only. */
    public JWKSet publicKeys() {
        return publicKeys;
    }

    /** The algorithms of the published keys: what a verifier of these tokens must accept. */
    public Set<JWSAlgorithm> publishedAlgorithms() {
        return publishedAlgorithms;
    }

    private static JWK chooseActive(List<JWK> keys, String activeKid) {
        if (activeKid == null || activeKid.isBlank()) {
            if (keys.size() == 1) {
                return keys.get(0);
            }
            throw new IllegalStateException("several signing keys are configured: set tollgate.auth.signing.active-kid");
        }
        return keys.stream().filter(k -> activeKid.equals(k.getKeyID())).findFirst()
                .orElseThrow(() -> new IllegalStateException("tollgate.auth.signing.active-kid " + activeKid
                        + " names no configured key"));
    }

    private static JWK withAlgorithm(JWK key, SigningAlgorithm algorithm) {
        try {
            Map<String, Object> json = key.toJSONObject();
            json.put("alg", algorithm.jws().getName());
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + key.getKeyID() + " is not a valid JWK");
        }
    }
}
