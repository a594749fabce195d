package io.tollgate.testkit.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throwaway public-key infrastructure for TLS tests and the local suite, issued at start-up and
 * written as PEM files (what an operator mounts from a Kubernetes Secret): a CA, a server
 * certificate for 127.0.0.1 and localhost, client certificates, and service certificates for the
 * internal mutual TLS. EC P-256 keys: quick to generate, accepted everywhere.
 */
public final class TestPki {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final Base64.Encoder PEM_BASE64 =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    /** A certificate, its key, and the PEM files they were written to. */
    public record Issued(X509Certificate certificate, KeyPair keys, Path certificateFile, Path keyFile) {
    }

    private TestPki() {
    }

    /** A self-signed CA named CN=name, written as {@code <name>.pem} and {@code <name>-key.pem} in {@code dir}. */
    public static Issued ca(Path dir, String name) {
        return ca(dir, name, name);
    }

    /**
     * A self-signed CA named CN=commonName, written as {@code <fileName>.pem} and
     * {@code <fileName>-key.pem}: two CAs of one name stand for an impostor of a trusted CA.
     */
    public static Issued ca(Path dir, String fileName, String commonName) {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + commonName);
        try {
            return write(dir, fileName, sign(builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions().createSubjectKeyIdentifier(keys.getPublic())), keys), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server certificate for 127.0.0.1 and localhost, signed by the CA. */
    public static Issued server(Path dir, String name, Issued ca) {
        return leaf(dir, name, ca, KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }

    /** A client certificate signed by the CA. */
    public static Issued client(Path dir, String name, Issued ca) {
        return leaf(dir, name, ca, KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * A service's certificate for the internal mutual TLS: CN and DNS SAN = the service name (e.g.
     * {@code router-service}), good for serving and for calling, signed by the CA.
     */
    public static Issued service(Path dir, String serviceName, Issued ca) {
        KeyPurposeId[] purposes = {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
        GeneralNames names = new GeneralNames(new GeneralName(GeneralName.dNSName, serviceName));
        return leaf(dir, serviceName, ca, purposes, names);
    }

    /** A PKCS#12 trust store holding the CA certificate, for clients configured with one. */
    public static Path trustStore(Path dir, Issued ca, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca.certificate());
            Path file = dir.resolve("truststore.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one PEM block (e.g. type "PRIVATE KEY" or "CERTIFICATE") of the given DER bytes. */
    public static Path writePem(Path file, String type, byte[] der) {
        String pem = "-----BEGIN " + type + "-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
        try {
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Issued leaf(Path dir, String name, Issued ca, KeyPurposeId purpose, GeneralNames names) {
        return leaf(dir, name, ca, new KeyPurposeId[] {purpose}, names);
    }

    private static Issued leaf(Path dir, String name, Issued ca, KeyPurposeId[] purposes, GeneralNames names) {
        KeyPair keys = ecKeys();
        try {
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name),
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions().createAuthorityKeyIdentifier(ca.certificate()));
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            return write(dir, name, sign(builder, ca.keys()), keys);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued write(Path dir, String name, X509Certificate certificate, KeyPair keys) {
        try {
            Path certificateFile = writePem(dir.resolve(name + ".pem"), "CERTIFICATE", certificate.getEncoded());
            // getEncoded() of a JDK private key is PKCS#8, the format flight-service asks for.
            Path keyFile = writePem(dir.resolve(name + "-key.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());
            return new Issued(certificate, keys, certificateFile, keyFile);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaX509ExtensionUtils extensions() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
