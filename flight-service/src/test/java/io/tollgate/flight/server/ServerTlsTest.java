package io.tollgate.flight.server;

import io.micronaut.context.exceptions.ConfigurationException;
import io.tollgate.common.tls.ClientAuthMode;
import io.tollgate.common.tls.ServerTls;
import io.tollgate.common.tls.ServerTlsSettings;
import io.tollgate.flight.config.FlightTlsConfig;
import io.tollgate.testkit.tls.TestPki;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The certificate and key files are read and checked at start-up, and every unusable one is
 * reported naming the setting and file (never quoting a key).
 */
class ServerTlsTest {
    @TempDir
    static Path dir;
    static TestPki.Issued ca;
    static TestPki.Issued server;

    @BeforeAll
    static void issue() {
        ca = TestPki.ca(dir, "test-ca");
        server = TestPki.server(dir, "flight", ca);
    }

    private static ServerTlsSettings settings(Path certChain, Path privateKey, Path clientCa, ClientAuthMode mode) {
        return new ServerTlsSettings(certChain, privateKey, clientCa, mode, FlightTlsConfig.PREFIX);
    }

    private static String refusal(ServerTlsSettings settings) {
        return assertThrows(ConfigurationException.class, () -> ServerTls.load(settings)).getMessage();
    }

    @Test
    void usableFilesGiveAContextAndADescriptionWithoutKeyMaterial() throws Exception {
        ServerTls tls = ServerTls.load(settings(server.certificateFile(), server.keyFile(), ca.certificateFile(),
                ClientAuthMode.REQUIRE));
        assertTrue(tls.context().isServer());
        String description = tls.description();
        assertTrue(description.contains("TLSv1.3, TLSv1.2") && description.contains("CN=flight")
                && description.contains("client certificates required (mTLS), verified against 1 CA certificate(s)"),
                description);
        String keyBody = Files.readString(server.keyFile()).lines().skip(1).findFirst().orElseThrow();
        assertFalse(description.contains(keyBody));
    }

    @Test
    void aMissingFileIsReportedWithItsSetting() {
        String message = refusal(settings(dir.resolve("absent.pem"), server.keyFile(), null, ClientAuthMode.NONE));
        assertTrue(message.contains("tollgate.flight.tls.cert-chain: no such file"), message);
    }

    @Test
    void aFileWithoutACertificateIsRefused() {
        String message = refusal(settings(server.keyFile(), server.keyFile(), null, ClientAuthMode.NONE));
        assertTrue(message.contains("tollgate.flight.tls.cert-chain: " + server.keyFile() + " holds no PEM certificate"),
                message);
    }

    @Test
    void aPkcs1OrSec1KeyIsRefusedWithTheConversionCommand() throws Exception {
        byte[] sec1 = PrivateKeyInfo.getInstance(server.keys().getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded();
        Path legacy = TestPki.writePem(dir.resolve("legacy-key.pem"), "EC PRIVATE KEY", sec1);
        String message = refusal(settings(server.certificateFile(), legacy, null, ClientAuthMode.NONE));
        assertTrue(message.contains("tollgate.flight.tls.private-key: " + legacy + " holds a key in PKCS#1/SEC1 form (-----BEGIN EC PRIVATE KEY-----)")
                && message.contains("openssl pkcs8 -topk8 -nocrypt"), message);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        TestPki.Issued other = TestPki.client(dir, "other", ca);
        String message = refusal(settings(server.certificateFile(), other.keyFile(), null, ClientAuthMode.NONE));
        assertTrue(message.contains("is not the private key of the first certificate in tollgate.flight.tls.cert-chain"),
                message);
    }

    @Test
    void aClientCaFileWithoutCertificatesIsRefused() {
        String message = refusal(settings(server.certificateFile(), server.keyFile(), server.keyFile(),
                ClientAuthMode.REQUIRE));
        assertTrue(message.contains("tollgate.flight.tls.client-ca: " + server.keyFile() + " holds no PEM certificate"),
                message);
    }
}
