package io.tollgate.flight.transaction;

import io.tollgate.common.signing.Signer;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Signs transaction ids with the service's one {@link Signer} (the handle key), so every replica can tell an authentic id (and say
 * where its transaction lives) from a forged one. The leading kind byte keeps a transaction id
 * from ever passing for a statement handle, and the other way round.
 */
@Singleton
public class TransactionIdCodec {
    private static final byte KIND = 'T';

    private final Signer signer;

    public TransactionIdCodec(Signer signer) {
        this.signer = signer;
    }

    public byte[] issue(TransactionId id) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(KIND);
            out.writeUTF(id.tenantId());
            out.writeUTF(id.subject());
            out.writeUTF(id.replicaId());
            out.writeUTF(id.key());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return signer.sign(bytes.toByteArray());
    }

    /** @throws TransactionException ({@link TransactionException.Kind#INVALID}) unless authentic */
    public TransactionId read(byte[] signed) {
        if (signed == null || signed.length == 0 || signed[0] != KIND) {
            throw new TransactionException(TransactionException.Kind.INVALID);
        }
        byte[] payload = signer.verify(signed)
                .orElseThrow(() -> new TransactionException(TransactionException.Kind.INVALID));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            in.readByte();
            return new TransactionId(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
        } catch (IOException e) {
            throw new TransactionException(TransactionException.Kind.INVALID);
        }
    }
}
