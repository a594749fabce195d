package io.tollgate.auth.keys;

import io.tollgate.testkit.files.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Key pairs and their PEM files, as an operator would make them with openssl. */
final class TestKeys {

    private TestKeys() {
    }

    static KeyPair rsa(int bits) {
        return generate("RSA", generator -> generator.initialize(bits));
    }

    static KeyPair ecP256() {
        return generate("EC", generator -> generator.initialize(new ECGenParameterSpec("secp256r1")));
    }

    static KeyPair ed25519() {
        return generate("Ed25519", generator -> { });
    }

    /** PKCS#8 {@code PRIVATE KEY}, as {@code openssl genpkey} writes it. */
    static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** X.509 {@code PUBLIC KEY}. */
    static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    static Path write(Path dir, String name, String content) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory for key files, deleted when the test JVM exits (private keys are not left behind). */
    static Path tempDir() {
        Path dir = Directories.createTemporary("signing-keys");
        Directories.deleteOnExit(dir);
        return dir;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private interface Init {
        void apply(KeyPairGenerator generator) throws GeneralSecurityException;
    }

    private static KeyPair generate(String algorithm, Init init) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            init.apply(generator);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
