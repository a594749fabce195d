package io.tollgate.common.security;

import io.tollgate.common.auth.Principal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TollgateTokenValidatorTest {

    private static Principal principal(String tenant, String... roles) {
        return new Principal("x@" + tenant, tenant, Set.of(roles), Set.of(), "jti", Instant.now(), Instant.now().plusSeconds(60));
    }

    @Test
    void platformAdminCountsOnlyInThePlatformTenant() {
        assertEquals(List.of("platform-admin"), TollgateTokenValidator.effectiveRoles(principal("platform", "platform-admin")));
        assertEquals(List.of("tenant-admin"),
                TollgateTokenValidator.effectiveRoles(principal("acme", "platform-admin", "tenant-admin")));
        assertEquals(List.of("reader"), TollgateTokenValidator.effectiveRoles(principal("acme", "reader")));
    }
}
