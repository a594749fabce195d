package io.tollgate.flight.statement;

import io.tollgate.common.auth.Principal;
import io.tollgate.common.signing.Signer;
import io.tollgate.flight.TestConfigs;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandleCodecTest {
    private final Principal alice = TestConfigs.principal("alice@acme", "acme", "reader");
    private final HandleCodec codec = new HandleCodec(TestConfigs.flightConfig(Duration.ofMinutes(5)),
            TestConfigs.handleSigner());

    @Test
    void aHandleIsRedeemedByThePrincipalItWasMadeFor() {
        byte[] handle = codec.issue(alice, "SELECT 1");
        StatementHandle redeemed = codec.redeem(handle, alice);
        assertEquals("SELECT 1", redeemed.sql());
        assertEquals("acme", redeemed.tenantId());
    }

    @Test
    void aHandleCarriesItsTransactionAndBoundParametersAndIsDistinctEachTime() {
        byte[] transaction = {1, 2, 3};
        byte[] parameters = {4, 5};
        byte[] schemaDigest = {6, 7, 8};
        byte[] handle = codec.issue(alice, "SELECT ?", transaction, parameters,
                new StatementHandle.Prepared(schemaDigest, 1));
        StatementHandle redeemed = codec.redeem(handle, alice);
        assertArrayEquals(transaction, redeemed.transactionId());
        assertArrayEquals(parameters, redeemed.parameters());
        assertArrayEquals(schemaDigest, redeemed.prepared().schemaDigest());
        assertEquals(1, redeemed.prepared().parameterCount());
        assertTrue(redeemed.hasParameters());
        assertFalse(codec.redeem(codec.issue(alice, "SELECT 1"), alice).prepared().known());
        assertFalse(codec.redeem(codec.issue(alice, "SELECT 1"), alice).hasParameters());
        assertFalse(Arrays.equals(codec.issue(alice, "SELECT 1"), codec.issue(alice, "SELECT 1")),
                "a running statement is named by its handle");
    }

    @Test
    void aHandleIsRefusedToAnotherTenantAndToAnotherSubject() {
        byte[] handle = codec.issue(alice, "SELECT 1");
        assertThrows(InvalidHandleException.class,
                () -> codec.redeem(handle, TestConfigs.principal("alice@globex", "globex", "reader")));
        assertThrows(InvalidHandleException.class,
                () -> codec.redeem(handle, TestConfigs.principal("bob@acme", "acme", "reader")));
    }

    @Test
    void anyAlteredByteMakesTheHandleInvalid() {
        byte[] handle = codec.issue(alice, "SELECT 1");
        for (int i = 0; i < handle.length; i++) {
            byte[] altered = handle.clone();
            altered[i] ^= 0x01;
            assertThrows(InvalidHandleException.class, () -> codec.redeem(altered, alice), "byte " + i);
        }
    }

    @Test
    void aHandleSignedWithAnotherKeyIsInvalid() {
        HandleCodec otherReplicaWithOtherKey = new HandleCodec(TestConfigs.flightConfig(Duration.ofMinutes(5)),
                Signer.fromConfiguredKey(null, "tollgate.flight.handle-key"));
        byte[] handle = otherReplicaWithOtherKey.issue(alice, "SELECT 1");
        assertThrows(InvalidHandleException.class, () -> codec.redeem(handle, alice));
    }

    @Test
    void anExpiredHandleIsInvalid() {
        Instant issuedAt = Instant.parse("2026-01-01T00:00:00Z");
        HandleCodec then = new HandleCodec(TestConfigs.flightConfig(Duration.ofMinutes(5)), TestConfigs.handleSigner(), Clock.fixed(issuedAt, ZoneOffset.UTC));
        HandleCodec later = new HandleCodec(TestConfigs.flightConfig(Duration.ofMinutes(5)), TestConfigs.handleSigner(),
                Clock.fixed(issuedAt.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
        byte[] handle = then.issue(alice, "SELECT 1");
        assertThrows(InvalidHandleException.class, () -> later.redeem(handle, alice));
    }

    @Test
    void garbageIsInvalidNotAnError() {
        assertThrows(InvalidHandleException.class, () -> codec.redeem(new byte[0], alice));
        assertThrows(InvalidHandleException.class, () -> codec.redeem(null, alice));
        assertThrows(InvalidHandleException.class, () -> codec.redeem(new byte[] {1, 2, 3}, alice));
    }
}
