package io.tollgate.auth.service.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * Reads one signing key from PEM text: a private key (PKCS#8 {@code PRIVATE KEY}, PKCS#1
 * {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}), from which the public half is derived,
 * or a public key alone ({@code PUBLIC KEY}), which can only verify. RSA, EC P-256 and Ed25519
 * are understood; encrypted PEM is not (the Secret mount is what protects the file).
 *
 * <p>Error messages never include key material.
 */
final class PemKeys {
    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private PemKeys() {
    }

    static JWK parse(String pem) {
        Object privateObject = null;
        Object publicObject = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if ((object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) && privateObject == null) {
                    privateObject = object;
                } else if (object instanceof SubjectPublicKeyInfo && publicObject == null) {
                    publicObject = object;
                } else if (!(object instanceof PrivateKeyInfo || object instanceof PEMKeyPair
                        || object instanceof SubjectPublicKeyInfo)) {
                    throw new IllegalArgumentException("unsupported PEM object " + object.getClass().getSimpleName()
                            + " (encrypted keys and certificates are not accepted)");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not readable as PEM", e);
        }
        try {
            if (privateObject instanceof PEMKeyPair pair) {
                return fromKeyPair(CONVERTER.getKeyPair(pair));
            }
            if (privateObject instanceof PrivateKeyInfo info) {
                return fromPrivateKeyInfo(info);
            }
            if (publicObject instanceof SubjectPublicKeyInfo info) {
                return fromPublicKeyInfo(info);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable key", e);
        }
        throw new IllegalArgumentException("no key in the PEM text");
    }

    private static JWK fromPrivateKeyInfo(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        if (EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
            byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            byte[] x = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(seed)).build();
        }
        PrivateKey key = CONVERTER.getPrivateKey(info);
        if (key instanceof RSAPrivateCrtKey rsa) {
            PublicKey pub = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return fromKeyPair(new KeyPair(pub, rsa));
        }
        if (key instanceof ECPrivateKey ec) {
            return fromKeyPair(new KeyPair(ecPublicKey(ec), ec));
        }
        throw new IllegalArgumentException("unsupported private key type " + key.getAlgorithm());
    }

    private static JWK fromKeyPair(KeyPair pair) {
        if (pair.getPublic() instanceof RSAPublicKey pub && pair.getPrivate() instanceof RSAPrivateCrtKey priv) {
            return new RSAKey.Builder(pub).privateKey(priv).build();
        }
        if (pair.getPublic() instanceof ECPublicKey pub && pair.getPrivate() instanceof ECPrivateKey priv) {
            return new ECKey.Builder(curve(pub), pub).privateKey(priv).build();
        }
        throw new IllegalArgumentException("unsupported key pair type " + pair.getPrivate().getAlgorithm());
    }

    private static JWK fromPublicKeyInfo(SubjectPublicKeyInfo info) throws IOException {
        if (EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(info.getPublicKeyData().getOctets()))
                    .build();
        }
        PublicKey key = CONVERTER.getPublicKey(info);
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            return new ECKey.Builder(curve(ec), ec).build();
        }
        throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm());
    }

    // A PKCS#8 EC key need not carry its public point; Q = d·G recomputes it.
    private static ECPublicKey ecPublicKey(ECPrivateKey key) throws GeneralSecurityException {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        if (!Curve.P_256.equals(curve)) {
            throw new IllegalArgumentException("EC keys must be on P-256");
        }
        X9ECParameters parameters = CustomNamedCurves.getByName("secp256r1");
        ECPoint q = parameters.getG().multiply(key.getS()).normalize();
        java.security.spec.ECPoint w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(),
                q.getAffineYCoord().toBigInteger());
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
    }

    private static Curve curve(ECPublicKey key) {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        if (curve == null) {
            throw new IllegalArgumentException("EC key on an unknown curve");
        }
        return curve;
    }
}
