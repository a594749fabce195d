package io.tollgate.common.tls;

import io.micronaut.context.exceptions.ConfigurationException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of TLS settings (the Flight endpoint's, the internal gRPC ports') with the JDK
 * alone, so that every mistake (missing file, wrong format, PKCS#1 key, no certificate) is reported
 * at start-up naming the setting and the file, instead of as a handshake failure every peer sees
 * later. Error messages never quote the files' contents.
 */
public final class PemFiles {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemFiles() {
    }

    /** Every certificate in the file, in order; at least one. */
    public static List<X509Certificate> certificates(String setting, Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(setting, file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der(setting, file))));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(setting + ": " + file + " holds a certificate that cannot be read ("
                    + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException(setting + ": " + file + " holds no PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * The one unencrypted PKCS#8 private key in the file, read as a key of the given algorithm (that
     * of the certificate it belongs to: "RSA", "EC", "EdDSA").
     */
    public static PrivateKey privateKey(String setting, Path file, String algorithm) {
        List<Block> keys = new ArrayList<>();
        for (Block block : blocks(setting, file)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> keys.add(block);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new ConfigurationException(setting + ": " + file
                        + " holds a key in PKCS#1/SEC1 form (-----BEGIN " + block.type() + "-----); PKCS#8"
                        + " (-----BEGIN PRIVATE KEY-----) is needed: convert it with"
                        + " `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem`");
                case "ENCRYPTED PRIVATE KEY" -> throw new ConfigurationException(setting + ": " + file
                        + " holds an encrypted key; an unencrypted PKCS#8 key is needed (protect the file instead)");
                default -> {
                    // certificates next to the key are tolerated, as many tools write them together
                }
            }
        }
        if (keys.size() != 1) {
            throw new ConfigurationException(setting + ": " + file + " must hold exactly one PEM private key"
                    + " (-----BEGIN PRIVATE KEY-----), found " + keys.size());
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(keys.get(0).der(setting, file)));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(setting + ": " + file + " is not a PKCS#8 " + algorithm
                    + " private key, the type of the certificate's key");
        }
    }

    /**
     * A key that does not belong to the certificate would fail every handshake with an obscure
     * error; a signature made with the key and checked with the certificate says so at start-up.
     *
     * @throws ConfigurationException naming both settings and files when the key is not the certificate's
     */
    public static void requireKeyOfCertificate(String keySetting, Path keyFile, PrivateKey key,
                                               String certificateSetting, Path certificateFile, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> throw new ConfigurationException(keySetting + ": " + keyFile + " is a " + key.getAlgorithm()
                    + " key; RSA, EC or EdDSA keys are supported");
        };
        byte[] probe = "tollgate tls key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new ConfigurationException(keySetting + ": " + keyFile + " is not the private key of the first"
                    + " certificate in " + certificateSetting + " (" + certificateFile + ", "
                    + leaf.getSubjectX500Principal().getName() + ")");
        }
    }

    /** One PEM block; decoded only when used, so a legacy key's headers cannot hide its type. */
    private record Block(String type, String base64) {
        byte[] der(String setting, Path file) {
            try {
                return Base64.getMimeDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(setting + ": " + file + " has a " + type
                        + " block that is not valid base64");
            }
        }
    }

    private static List<Block> blocks(String setting, Path file) {
        String text;
        try {
            // Latin-1 decodes any bytes: a binary (DER) file is then reported as holding no PEM block.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(setting + ": no such file " + file);
        } catch (AccessDeniedException e) {
            throw new ConfigurationException(setting + ": " + file + " is not readable by this process");
        } catch (IOException e) {
            throw new ConfigurationException(setting + ": " + file + " cannot be read (" + e + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), matcher.group(2)));
        }
        return blocks;
    }
}
