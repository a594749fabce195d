package io.tollgate.flight.statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * HMAC-SHA256 over the bytes the service hands to clients and takes back (statement handles,
 * tickets, transaction ids): {@code payload | mac}. The MAC is checked in constant time before
 * anything in the payload is read.
 */
public final class Signer {
    private static final Logger LOG = LoggerFactory.getLogger(Signer.class);
    private static final String ALGORITHM = "HmacSHA256";
    static final int MAC_LENGTH = 32;
    // Without a configured key every signer of this process shares one random key: what one part
    // of the service signs, another can check, and no other replica can.
    private static final byte[] PROCESS_KEY = randomKey();

    private final SecretKeySpec key;
    // A Mac is not thread-safe, and making one (provider lookup, key schedule) costs more than
    // using it: each thread keeps one for this key.
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** @param configuredKey base64, at least 32 bytes; null or blank for this process's random key */
    public Signer(String configuredKey) {
        this.key = new SecretKeySpec(keyBytes(configuredKey), ALGORITHM);
    }

    private static byte[] keyBytes(String configured) {
        if (configured == null || configured.isBlank()) {
            LOG.warn("tollgate.flight.handle-key is not set: using a random key, so statement handles and "
                    + "transaction ids can only be redeemed on this replica");
            return PROCESS_KEY;
        }
        byte[] bytes = Base64.getDecoder().decode(configured.trim());
        if (bytes.length < 32) {
            throw new IllegalArgumentException("tollgate.flight.handle-key must decode to at least 32 bytes");
        }
        return bytes;
    }

    private static byte[] randomKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    public byte[] sign(byte[] payload) {
        byte[] signed = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(payload), 0, signed, payload.length, MAC_LENGTH);
        return signed;
    }

    /** The payload, if the MAC is right. */
    public Optional<byte[]> verify(byte[] signed) {
        if (signed == null || signed.length <= MAC_LENGTH) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(signed, signed.length - MAC_LENGTH);
        byte[] presented = Arrays.copyOfRange(signed, signed.length - MAC_LENGTH, signed.length);
        return MessageDigest.isEqual(mac(payload), presented) ? Optional.of(payload) : Optional.empty();
    }

    private byte[] mac(byte[] payload) {
        return macs.get().doFinal(payload); // doFinal leaves the Mac ready for the next payload
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
