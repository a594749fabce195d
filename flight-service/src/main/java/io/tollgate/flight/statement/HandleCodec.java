package io.tollgate.flight.statement;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs statement handles with HMAC-SHA256 and checks them on the way back. The format is
 * {@code version | payload | mac}; the MAC covers the version and the payload, and is compared
 * in constant time before anything in the payload is trusted.
 */
@Singleton
public class HandleCodec {
    private static final Logger LOG = LoggerFactory.getLogger(HandleCodec.class);
    private static final byte VERSION = 1;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_LENGTH = 32;

    private final SecretKeySpec key;
    private final FlightConfig config;
    private final Clock clock;

    public HandleCodec(FlightConfig config) {
        this(config, Clock.systemUTC());
    }

    HandleCodec(FlightConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.key = new SecretKeySpec(keyBytes(config.handleKey()), ALGORITHM);
    }

    private static byte[] keyBytes(String configured) {
        if (configured == null || configured.isBlank()) {
            LOG.warn("tollgate.flight.handle-key is not set: using a random key, so statement handles "
                    + "can only be redeemed on this replica");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] key = Base64.getDecoder().decode(configured.trim());
        if (key.length < 32) {
            throw new IllegalArgumentException("tollgate.flight.handle-key must decode to at least 32 bytes");
        }
        return key;
    }

    /** A signed handle for a statement of this principal, valid for the configured time. */
    public byte[] issue(Principal principal, String sql) {
        StatementHandle handle = new StatementHandle(principal.tenantId(), principal.subject(), sql,
                clock.instant().plus(config.handleTtl()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sql.length() + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, handle.tenantId());
            writeString(out, handle.subject());
            writeString(out, handle.sql());
            out.writeLong(handle.expiresAt().getEpochSecond());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] payload = bytes.toByteArray();
        byte[] signed = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(payload), 0, signed, payload.length, MAC_LENGTH);
        return signed;
    }

    /**
     * The handle, if it is authentic, unexpired and made for this principal.
     *
     * @throws InvalidHandleException otherwise
     */
    public StatementHandle redeem(byte[] signed, Principal principal) {
        if (signed == null || signed.length <= MAC_LENGTH + 1 || signed[0] != VERSION) {
            throw new InvalidHandleException();
        }
        byte[] payload = Arrays.copyOf(signed, signed.length - MAC_LENGTH);
        byte[] presented = Arrays.copyOfRange(signed, signed.length - MAC_LENGTH, signed.length);
        if (!MessageDigest.isEqual(mac(payload), presented)) {
            throw new InvalidHandleException();
        }
        StatementHandle handle;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            in.readByte();
            handle = new StatementHandle(readString(in), readString(in), readString(in),
                    Instant.ofEpochSecond(in.readLong()));
        } catch (IOException e) {
            throw new InvalidHandleException();
        }
        if (!handle.tenantId().equals(principal.tenantId()) || !handle.subject().equals(principal.subject())
                || !clock.instant().isBefore(handle.expiresAt())) {
            throw new InvalidHandleException();
        }
        return handle;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
