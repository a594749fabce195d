package io.tollgate.flight.transaction;

import io.tollgate.flight.TestConfigs;
import io.tollgate.flight.statement.HandleCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransactionIdCodecTest {
    private final TransactionIdCodec codec = new TransactionIdCodec(TestConfigs.handleSigner());
    private final TransactionId id = new TransactionId("acme", "alice@acme", "replica-1", "key");

    @Test
    void anIssuedIdReadsBackAsWhatItNames() {
        assertEquals(id, codec.read(codec.issue(id)));
    }

    @Test
    void anyAlteredByteMakesTheIdInvalid() {
        byte[] signed = codec.issue(id);
        for (int i = 0; i < signed.length; i++) {
            byte[] altered = signed.clone();
            altered[i] ^= 0x01;
            assertEquals(TransactionException.Kind.INVALID,
                    assertThrows(TransactionException.class, () -> codec.read(altered), "byte " + i).kind());
        }
    }

    @Test
    void aStatementHandleIsNoTransactionIdEvenWithTheSameKey() {
        byte[] handle = new HandleCodec(TestConfigs.flightConfig(Duration.ofMinutes(5)), TestConfigs.handleSigner())
                .issue(TestConfigs.principal("alice@acme", "acme", "writer"), "SELECT 1");
        assertThrows(TransactionException.class, () -> codec.read(handle));
        assertThrows(TransactionException.class, () -> codec.read(new byte[0]));
        assertThrows(TransactionException.class, () -> codec.read(null));
    }
}
