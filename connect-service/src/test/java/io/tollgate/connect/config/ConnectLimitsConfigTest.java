package io.tollgate.connect.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A user's share of a tenant's caps, and the settings that would refuse every call or none. */
class ConnectLimitsConfigTest {
    private static ConnectLimitsConfig withShare(double share) {
        return new ConnectLimitsConfig(1 << 20, 1 << 20, 64, share, 1024);
    }

    @Test
    void aUsersCapIsItsShareRoundedUpAndAtLeastOne() {
        assertEquals(32, withShare(0.5).principalCap(64));
        assertEquals(2, withShare(0.5).principalCap(3));
        assertEquals(1, withShare(0.5).principalCap(1));
        assertEquals(1, withShare(0.01).principalCap(16));
        assertEquals(16, withShare(1).principalCap(16), "a share of 1 is the tenant's cap");
    }

    @Test
    void aShareOutsideZeroToOneOrALimitOfZeroDoesNotStart() {
        assertThrows(IllegalArgumentException.class, () -> withShare(0));
        assertThrows(IllegalArgumentException.class, () -> withShare(1.5));
        assertThrows(IllegalArgumentException.class, () -> new ConnectLimitsConfig(0, 1, 1, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConnectLimitsConfig(1, 1, 0, 0.5, 1));
    }
}
