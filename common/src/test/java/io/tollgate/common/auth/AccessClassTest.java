package io.tollgate.common.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccessClassTest {

    private static Principal withRoles(String... roles) {
        return new Principal("alice@acme", "acme", Set.of(roles), Set.of("sql"), "jti", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60));
    }

    @Test
    void aReaderRunsAsTheReaderLogin() {
        assertEquals(AccessClass.READER, AccessClass.of(withRoles("reader")));
    }

    @Test
    void aWriterRunsAsTheWriterLogin() {
        assertEquals(AccessClass.WRITER, AccessClass.of(withRoles("reader", "writer")));
    }

    @Test
    void tenantAndPlatformAdminsRunAsTheAdminLogin() {
        assertEquals(AccessClass.ADMIN, AccessClass.of(withRoles("tenant-admin")));
        assertEquals(AccessClass.ADMIN, AccessClass.of(withRoles("writer", "platform-admin")));
    }

    @Test
    void aPrincipalWithoutAnyKnownRoleGetsTheLeastPrivilegedClass() {
        assertEquals(AccessClass.READER, AccessClass.of(withRoles()));
        assertEquals(AccessClass.READER, AccessClass.of(withRoles("auditor")));
    }

    @Test
    void theClassesAgreeWithTheReadOnlyRule() {
        for (Principal p : new Principal[] {withRoles(), withRoles("reader"), withRoles("writer"),
                withRoles("tenant-admin"), withRoles("platform-admin")}) {
            assertEquals(p.isReadOnly(), AccessClass.of(p) == AccessClass.READER, p.roles().toString());
        }
    }

    @Test
    void wireNamesRoundTrip() {
        for (AccessClass c : AccessClass.values()) {
            assertEquals(c, AccessClass.fromWireName(c.wireName()).orElseThrow());
        }
    }
}
