package io.tollgate.common.tenant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountNameTest {

    @Test
    void theTenantIsThePartAfterTheLastAt() {
        AccountName name = AccountName.parse("alice.smith@acme").orElseThrow();
        assertEquals("alice.smith", name.name());
        assertEquals("acme", name.tenantId());
        assertEquals("alice.smith@acme", name.toString());
    }

    @Test
    void malformedNamesAreRejected() {
        for (String bad : new String[] {null, "", "alice", "@acme", "alice@", "alice@ACME", "alice@acme;drop",
                "al ice@acme", "alice@../etc", "alice@-acme", "alice@ac--me", "a".repeat(300) + "@acme"}) {
            assertFalse(AccountName.parse(bad).isPresent(), String.valueOf(bad));
        }
    }

    @Test
    void tenantIdsAreSlugs() {
        assertTrue(TenantIds.isValid("acme"));
        assertTrue(TenantIds.isValid("acme-eu-1"));
        assertFalse(TenantIds.isValid("1acme"));
        assertFalse(TenantIds.isValid("acme-"));
        assertFalse(TenantIds.isValid("a".repeat(64)));
    }
}
