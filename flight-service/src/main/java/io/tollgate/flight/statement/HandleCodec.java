package io.tollgate.flight.statement;

import io.tollgate.common.auth.Principal;
import io.tollgate.common.signing.Signer;
import io.tollgate.flight.config.FlightConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Issues and redeems signed statement handles. The format is {@code version | nonce | tenant |
 * subject | sql | expiry | transaction id | parameters | schema digest | parameter count | mac};
 * the random nonce makes every handle distinct, so a running statement can be named by its handle
 * (to cancel it).
 */
@Singleton
public class HandleCodec {
    private static final byte VERSION = 4;
    private static final int NONCE_LENGTH = 8;
    private static final byte[] NONE = new byte[0];

    private final Signer signer;
    private final FlightConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public HandleCodec(FlightConfig config, Signer signer) {
        this(config, signer, Clock.systemUTC());
    }

    HandleCodec(FlightConfig config, Signer signer, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.signer = signer;
    }

    /** A signed handle for a statement of this principal, outside any transaction, without parameters. */
    public byte[] issue(Principal principal, String sql) {
        return issue(principal, sql, NONE, NONE, StatementHandle.Prepared.UNKNOWN);
    }

    /**
     * A signed handle for a statement of this principal, valid for the configured time.
     *
     * @param transactionId the transaction it runs in, or empty
     * @param parameters    bound parameters (Arrow IPC stream), or empty
     * @param prepared      what preparing it found, or {@link StatementHandle.Prepared#UNKNOWN}
     */
    public byte[] issue(Principal principal, String sql, byte[] transactionId, byte[] parameters,
                        StatementHandle.Prepared prepared) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sql.length() + parameters.length + prepared.schemaDigest().length + 160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.write(nonce);
            writeString(out, principal.tenantId());
            writeString(out, principal.subject());
            writeString(out, sql);
            out.writeLong(clock.instant().plus(config.handleTtl()).getEpochSecond());
            writeBytes(out, transactionId == null ? NONE : transactionId);
            writeBytes(out, parameters == null ? NONE : parameters);
            writeBytes(out, prepared.schemaDigest());
            out.writeInt(prepared.parameterCount());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return signer.sign(bytes.toByteArray());
    }

    /**
     * The handle, if it is authentic, unexpired and made for this principal.
     *
     * @throws InvalidHandleException otherwise
     */
    public StatementHandle redeem(byte[] signed, Principal principal) {
        if (signed == null || signed.length == 0 || signed[0] != VERSION) {
            throw new InvalidHandleException();
        }
        byte[] payload = signer.verify(signed).orElseThrow(InvalidHandleException::new);
        StatementHandle handle;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            in.readByte();
            in.skipNBytes(NONCE_LENGTH);
            handle = new StatementHandle(readString(in), readString(in), readString(in),
                    Instant.ofEpochSecond(in.readLong()), readBytes(in), readBytes(in),
                    new StatementHandle.Prepared(readBytes(in), in.readInt()));
        } catch (IOException e) {
            throw new InvalidHandleException();
        }
        if (!handle.tenantId().equals(principal.tenantId()) || !handle.subject().equals(principal.subject())
                || !clock.instant().isBefore(handle.expiresAt())) {
            throw new InvalidHandleException();
        }
        return handle;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length");
        }
        return in.readNBytes(length);
    }
}
