package io.tollgate.common.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevocationSetTest {
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private static Principal token(String tenant, String subject, String jti, Instant issuedAt) {
        return new Principal(subject, tenant, Set.of("reader"), Set.of(), jti, issuedAt, issuedAt.plusSeconds(900));
    }

    @Test
    void aSubjectRevocationCoversTokensIssuedUpToItsInstantOnly() {
        RevocationSet set = new RevocationSet();
        set.revokeSubject("acme", "bob@acme", T0, T0.plusSeconds(900));
        assertTrue(set.isRevoked(token("acme", "bob@acme", "a", T0.minusSeconds(1))));
        assertTrue(set.isRevoked(token("acme", "bob@acme", "b", T0)), "same second counts as revoked");
        assertFalse(set.isRevoked(token("acme", "bob@acme", "c", T0.plusSeconds(1))), "a later login works");
        assertFalse(set.isRevoked(token("globex", "bob@acme", "d", T0.minusSeconds(1))), "other tenant untouched");
        assertFalse(set.isRevoked(token("acme", "alice@acme", "e", T0.minusSeconds(1))), "other subject untouched");
    }

    @Test
    void aTenantRevocationCoversEverySubjectOfThatTenantOnly() {
        RevocationSet set = new RevocationSet();
        set.revokeTenant("acme", T0, T0.plusSeconds(900));
        assertTrue(set.isRevoked(token("acme", "bob@acme", "a", T0.minusSeconds(10))));
        assertTrue(set.isRevoked(token("acme", "svc-client", "b", T0.minusSeconds(10))));
        assertFalse(set.isRevoked(token("globex", "bob@globex", "c", T0.minusSeconds(10))));
    }

    @Test
    void entriesAreForgottenOnceTheirTokensHaveExpired() {
        RevocationSet set = new RevocationSet();
        set.revokeToken("jti-1", T0.plusSeconds(60));
        set.revokeSubject("acme", "bob@acme", T0, T0.plusSeconds(60));
        set.revokeTenant("globex", T0, T0.plusSeconds(600));
        set.purgeExpired(T0.plusSeconds(61));
        assertEquals(1, set.size());
        assertTrue(set.isRevoked(token("globex", "x@globex", "y", T0)));
    }
}
