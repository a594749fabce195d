package io.tollgate.auth.api.rest.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.tollgate.auth.api.rest.ClientAddresses;
import io.tollgate.auth.service.admin.AdminCaller;
import io.tollgate.common.auth.Role;
import io.tollgate.common.security.TollgateTokenValidator;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The caller of an admin endpoint, from the Authentication common's token validator built. */
@Singleton
class AdminCallers {
    private final ClientAddresses addresses;

    AdminCallers(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    AdminCaller of(Authentication authentication, HttpRequest<?> request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        authentication.getRoles().stream().map(Role::fromWireName).flatMap(Optional::stream).forEach(roles::add);
        String tenant = TollgateTokenValidator.tenantOf(authentication);
        return new AdminCaller(authentication.getName(), tenant == null ? "" : tenant, roles, addresses.of(request));
    }
}
