package io.tollgate.catalog.rest;

import io.micronaut.security.authentication.Authentication;
import io.tollgate.catalog.handler.Caller;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.security.TollgateTokenValidator;

import java.util.Set;

/** The caller of a request, from what common's token validator recorded of its verified token. */
final class Callers {
    private Callers() {
    }

    static Caller of(Authentication authentication) {
        String tenant = TollgateTokenValidator.tenantOf(authentication);
        // The shared rule of roles to access classes, on the roles the validator let through.
        Principal principal = new Principal(authentication.getName(), tenant == null ? "" : tenant,
                Set.copyOf(authentication.getRoles()), Set.of(), null, null, null);
        return new Caller(principal.tenantId(), AccessClass.of(principal), principal.roles());
    }
}
