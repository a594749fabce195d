package io.tollgate.auth.api.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.RefreshFamily;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.common.auth.Role;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the admin API answers. No view has a field for a password hash or a secret hash; only the
 * "created" views carry a generated password or secret, the one time it is shown.
 */
final class AdminViews {

    private AdminViews() {
    }

    /** An account. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccountView(String username, String tenantId, String name, List<String> roles, String status,
                       @Nullable Instant lockedUntil) {
        static AccountView of(Account account) {
            return new AccountView(account.name().toString(), account.name().tenantId(), account.name().name(),
                    wire(account.roles()), account.status().dbName(), account.lockedUntil());
        }
    }

    /** An account with the password generated for it, if one was. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccountWithPasswordView(AccountView account, @Nullable String generatedPassword) {
        @Override
        public String toString() {
            return "AccountWithPasswordView[" + account + "]";
        }
    }

    /** A page of accounts. */
    @Serdeable
    record AccountPageView(List<AccountView> items, int page, int size, long total) {
    }

    /** A service client. */
    @Serdeable
    record ClientView(String clientId, String tenantId, List<String> roles, List<String> scopes, String status) {
        static ClientView of(ServiceClient client) {
            return new ClientView(client.clientId(), client.tenantId(), wire(client.roles()),
                    client.allowedScopes().stream().sorted().toList(), client.status().dbName());
        }
    }

    /** A client with its newly generated secret. */
    @Serdeable
    record ClientWithSecretView(ClientView client, String clientSecret) {
        @Override
        public String toString() {
            return "ClientWithSecretView[" + client + "]";
        }
    }

    /** A page of clients. */
    @Serdeable
    record ClientPageView(List<ClientView> items, int page, int size, long total) {
    }

    /** A session: one refresh-token family. */
    @Serdeable
    record SessionView(String sessionId, List<String> scopes, Instant createdAt, Instant lastUsedAt,
                       Instant expiresAt) {
        static SessionView of(RefreshFamily family) {
            return new SessionView(family.familyId().toString(), family.scopes().stream().sorted().toList(),
                    family.createdAt(), family.lastUsedAt(), family.expiresAt());
        }
    }

    /** An entry of the revocation log. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RevocationView(long sequence, String kind, String value, @Nullable String tenantId, Instant revokedAt,
                          Instant expiresAt, String reason, String actor) {
        static RevocationView of(Revocation revocation) {
            return new RevocationView(revocation.sequence(), revocation.target().kind(), revocation.target().value(),
                    revocation.target().tenantId(), revocation.revokedAt(), revocation.expiresAt(),
                    revocation.reason(), revocation.actor());
        }
    }

    private static List<String> wire(Set<Role> roles) {
        return roles.stream().map(Role::wireName).sorted().toList();
    }
}
