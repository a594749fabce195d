package io.tollgate.common.signing;

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
 * The one signing primitive for the opaque bytes a service hands to clients and takes back
 * (statement handles, tickets, transaction ids, operation ids): HMAC-SHA256, {@code payload | mac}.
 * The MAC is checked in constant time before anything in the payload is read, so a forged value
 * is refused without its content ever being parsed. Formats stay each service's own: this class
 * only signs and verifies bytes.
 *
 * <p>Replicas that share a configured key redeem each other's values (stateless data planes);
 * without one, every signer of this process shares one random key made at start-up, so what one
 * part of the service signs another can check, and no other replica can.
 */
public final class Signer {
    private static final Logger LOG = LoggerFactory.getLogger(Signer.class);
    private static final String ALGORITHM = "HmacSHA256";
    /** Bytes of the MAC that ends every signed value. */
    public static final int MAC_LENGTH = 32;
    /** The shortest configured key accepted: as long as the MAC, per RFC 2104's advice. */
    public static final int MIN_KEY_BYTES = 32;
    private static final byte[] PROCESS_KEY = randomKey();

    private final SecretKeySpec key;
    // A Mac is not thread-safe, and making one (provider lookup, key schedule) costs more than
    // using it: each thread keeps one for this key.
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private Signer(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * A signer with the configured key, or with this process's random key when none is configured.
     *
     * @param configuredKey base64, at least {@value #MIN_KEY_BYTES} bytes; null or blank for the
     *                      process's random key
     * @param property      the configuration key it came from, named in the warning and the refusal
     * @throws IllegalArgumentException when the key is not base64 or too short (at start-up)
     */
    public static Signer fromConfiguredKey(String configuredKey, String property) {
        if (configuredKey == null || configuredKey.isBlank()) {
            LOG.warn("{} is not set: using a random key, so what this replica signs can only be redeemed "
                    + "on this replica", property);
            return new Signer(PROCESS_KEY);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configuredKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " must be base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(property + " must decode to at least " + MIN_KEY_BYTES + " bytes");
        }
        return new Signer(bytes);
    }

    private static byte[] randomKey() {
        byte[] random = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(random);
        return random;
    }

    /** {@code payload | mac}. */
    public byte[] sign(byte[] payload) {
        byte[] signed = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(payload), 0, signed, payload.length, MAC_LENGTH);
        return signed;
    }

    /** The payload, if the MAC is right; empty for anything else, including null or too short. */
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
