package io.tollgate.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * EdDSA (Ed25519) verification on the JDK's own Ed25519 (Java 15+): nimbus' standard key selector
 * converts JWKs to JCA keys and skips Ed25519 ones, and its Ed25519 verifier needs Tink. The
 * selector here hands Ed25519 keys over as JCA keys, and the factory verifies with them.
 */
final class EdDsaKeys {
    // DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte key follows.
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private EdDsaKeys() {
    }

    /** Selects keys for every allowed algorithm, EdDSA included. */
    static JWSKeySelector<SecurityContext> selector(Set<JWSAlgorithm> allowed, JWSKeySelector<SecurityContext> others,
                                                   JWKSource<SecurityContext> keys) {
        return (header, context) -> {
            if (!allowed.contains(header.getAlgorithm())) {
                return List.of();
            }
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return others.selectJWSKeys(header, context);
            }
            List<Key> selected = new ArrayList<>();
            for (JWK jwk : keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), context)) {
                if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                    selected.add(toPublicKey(okp.getX()));
                }
            }
            return selected;
        };
    }

    private static PublicKey toPublicKey(Base64URL x) throws KeySourceException {
        byte[] raw = x.decode();
        byte[] encoded = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, encoded, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("bad Ed25519 key", e);
        }
    }

    /** nimbus' verifiers, plus a JCA Ed25519 verifier for EdDSA. */
    static final class VerifierFactory extends DefaultJWSVerifierFactory {
        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            if (JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) && key instanceof EdECPublicKey edKey) {
                return new JcaEd25519Verifier(edKey);
            }
            return super.createJWSVerifier(header, key);
        }
    }

    private static final class JcaEd25519Verifier implements JWSVerifier {
        private final PublicKey key;
        private final JCAContext context = new JCAContext();

        JcaEd25519Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return new HashSet<>(Set.of(JWSAlgorithm.EdDSA));
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
