package io.tollgate.auth.domain;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.Role;

import java.util.Objects;
import java.util.Set;

/**
 * Whom an access token is issued to: an account ({@code name@tenant}) or a service client (its
 * client id), in one tenant, with its roles.
 *
 * @param subject  the {@code sub} claim
 * @param tenantId the {@code tid} claim
 * @param roles    the roles the token carries
 * @param clientId the service client, when the token is one's own
 */
public record TokenSubject(String subject, String tenantId, Set<Role> roles, @Nullable String clientId) {

    public TokenSubject {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenantId, "tenantId");
        roles = Set.copyOf(roles);
    }

    public static TokenSubject of(Account account) {
        return new TokenSubject(account.name().toString(), account.name().tenantId(), account.roles(), null);
    }

    public static TokenSubject of(ServiceClient client) {
        return new TokenSubject(client.clientId(), client.tenantId(), client.roles(), client.clientId());
    }
}
