package io.tollgate.common.signing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignerTest {
    private static final String PROPERTY = "tollgate.test.key";
    private static final String KEY = key("0123456789abcdef0123456789abcdef");
    private final Signer signer = Signer.fromConfiguredKey(KEY, PROPERTY);
    private final byte[] payload = "handle".getBytes(StandardCharsets.UTF_8);

    private static String key(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aSignedValueVerifiesToItsPayload() {
        byte[] signed = signer.sign(payload);
        assertEquals(payload.length + Signer.MAC_LENGTH, signed.length);
        assertArrayEquals(payload, signer.verify(signed).orElseThrow());
    }

    @Test
    void replicasWithTheSameConfiguredKeyRedeemEachOthersValues() {
        Signer otherReplica = Signer.fromConfiguredKey(" " + KEY + "\n", PROPERTY);
        assertArrayEquals(payload, otherReplica.verify(signer.sign(payload)).orElseThrow());
    }

    @Test
    void anyAlteredByteIsRefused() {
        byte[] signed = signer.sign(payload);
        for (int i = 0; i < signed.length; i++) {
            byte[] altered = signed.clone();
            altered[i] ^= 0x01;
            assertTrue(signer.verify(altered).isEmpty(), "byte " + i);
        }
    }

    @Test
    void aValueSignedWithAnotherKeyIsRefused() {
        Signer other = Signer.fromConfiguredKey(key("fedcba9876543210fedcba9876543210"), PROPERTY);
        assertTrue(signer.verify(other.sign(payload)).isEmpty());
        assertTrue(signer.verify(Signer.fromConfiguredKey(null, PROPERTY).sign(payload)).isEmpty());
    }

    @Test
    void withoutAConfiguredKeyTheProcessSignsWithOneRandomKey() {
        Signer one = Signer.fromConfiguredKey(null, PROPERTY);
        Signer another = Signer.fromConfiguredKey("  ", PROPERTY);
        assertArrayEquals(payload, another.verify(one.sign(payload)).orElseThrow());
    }

    @Test
    void nullTruncatedAndMacOnlyValuesAreRefusedNotErrors() {
        assertTrue(signer.verify(null).isEmpty());
        assertTrue(signer.verify(new byte[0]).isEmpty());
        assertTrue(signer.verify(new byte[Signer.MAC_LENGTH]).isEmpty());
    }

    @Test
    void aShortOrNonBase64KeyIsRefusedAtStartUpNamingItsProperty() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> Signer.fromConfiguredKey(key("short"), PROPERTY));
        assertTrue(tooShort.getMessage().startsWith(PROPERTY), tooShort.getMessage());
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> Signer.fromConfiguredKey("not base64 !", PROPERTY));
        assertEquals(PROPERTY + " must be base64", notBase64.getMessage());
    }
}
