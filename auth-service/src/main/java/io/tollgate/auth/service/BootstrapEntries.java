package io.tollgate.auth.service;

import io.tollgate.auth.domain.Scopes;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.common.tenant.PlatformTenant;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.AccountName;
import io.tollgate.common.tenant.TenantIds;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a parsed bootstrap file entry by entry, all of it before anything is created, so that a
 * typo does not leave half a bootstrap behind.
 */
final class BootstrapEntries {
    // Machine secrets are generated, so a short one is a mistake (or a password reused as one).
    static final int MIN_CLIENT_SECRET_LENGTH = 16;

    private BootstrapEntries() {
    }

    record WantedAccount(AccountName name, String password, Set<Role> roles) {
        @Override
        public String toString() {
            return "WantedAccount[name=" + name + ", roles=" + roles + "]";
        }
    }

    /**
     * A client the file lists.
     *
     * @param clientId       its id, {@code name@tenant}
     * @param legacyClientId the bare id the file gave, kept usable as the client's id (files written
     *                       before ids were namespaced, and the credentials made from them); null
     *                       when the file gave {@code name@tenant}
     */
    record WantedClient(String clientId, String legacyClientId, String tenantId, String secret, Set<Role> roles,
                        Set<String> scopes) {
        @Override
        public String toString() {
            return "WantedClient[clientId=" + clientId + ", tenantId=" + tenantId + ", roles=" + roles + "]";
        }
    }

    record Wanted(List<WantedAccount> accounts, List<WantedClient> clients) {
    }

    static Wanted validate(Path file, BootstrapFile parsed) {
        if (parsed == null || (parsed.accounts() == null && parsed.clients() == null)) {
            throw invalid(file, "it has no \"accounts\" array (nor a \"clients\" one)");
        }
        List<WantedAccount> accounts = parsed.accounts() == null ? List.of()
                : parsed.accounts().stream().map(entry -> account(file, entry)).toList();
        List<WantedClient> clients = parsed.clients() == null ? List.of()
                : parsed.clients().stream().map(entry -> client(file, entry)).toList();
        Set<String> clientIds = new HashSet<>();
        for (WantedClient client : clients) {
            if (!clientIds.add(client.clientId())
                    || (client.legacyClientId() != null && !clientIds.add(client.legacyClientId()))) {
                throw invalid(file, "client " + client.clientId() + " is listed twice");
            }
        }
        for (WantedAccount account : accounts) {
            if (clientIds.contains(account.name().toString())) {
                throw invalid(file, account.name() + " is listed as an account and as a client");
            }
        }
        return new Wanted(accounts, clients);
    }

    private static WantedAccount account(Path file, BootstrapFile.Entry entry) {
        if (entry == null) {
            throw invalid(file, "an entry of \"accounts\" is null");
        }
        AccountName name = AccountName.parse(entry.username())
                .orElseThrow(() -> invalid(file, "\"" + entry.username() + "\" is not of the form name@tenant"));
        if (entry.password() == null || entry.password().isBlank()) {
            throw invalid(file, name + " has no password");
        }
        return new WantedAccount(name, entry.password(), roles(file, name.toString(), name.tenantId(), entry.roles()));
    }

    private static WantedClient client(Path file, BootstrapFile.ClientEntry entry) {
        if (entry == null) {
            throw invalid(file, "an entry of \"clients\" is null");
        }
        // The id is checked before it is echoed: it may be something else pasted in the wrong place.
        if (!ServiceClient.isValidClientId(entry.clientId())) {
            throw invalid(file, "a client id is not 1 to 128 letters, digits, '.', '_' or '-' (then @tenant)");
        }
        String id = "client " + entry.clientId();
        if (!TenantIds.isValid(entry.tenantId())) {
            throw invalid(file, id + " has no valid \"tenantId\"");
        }
        boolean bare = ServiceClient.isLegacyId(entry.clientId());
        if (!bare && !entry.clientId().endsWith("@" + entry.tenantId())) {
            throw invalid(file, id + " is not in its \"tenantId\"");
        }
        String clientId = bare ? ServiceClient.idOf(entry.clientId(), entry.tenantId()) : entry.clientId();
        if (entry.secret() == null || entry.secret().isBlank() || entry.secret().length() < MIN_CLIENT_SECRET_LENGTH) {
            throw invalid(file, id + " has no secret of at least " + MIN_CLIENT_SECRET_LENGTH + " characters");
        }
        if (entry.scopes() == null || entry.scopes().isEmpty()) {
            throw invalid(file, id + " has no \"scopes\"");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : entry.scopes()) {
            if (!Scopes.isValid(scope)) {
                throw invalid(file, id + " has a malformed scope");
            }
            scopes.add(scope);
        }
        return new WantedClient(clientId, bare ? entry.clientId() : null, entry.tenantId(), entry.secret(),
                roles(file, id, entry.tenantId(), entry.roles()), scopes);
    }

    private static Set<Role> roles(Path file, String who, String tenantId, List<String> wireNames) {
        if (wireNames == null) {
            throw invalid(file, who + " has no \"roles\"");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String wireName : wireNames) {
            roles.add(Role.fromWireName(wireName)
                    .orElseThrow(() -> invalid(file, who + " has unknown role \"" + wireName + "\"")));
        }
        if (roles.contains(Role.PLATFORM_ADMIN) && !PlatformTenant.ID.equals(tenantId)) {
            throw invalid(file, who + " has role platform-admin outside the \"" + PlatformTenant.ID + "\" tenant");
        }
        return roles;
    }

    private static IllegalStateException invalid(Path file, String problem) {
        return new IllegalStateException("invalid bootstrap file " + file + ": " + problem);
    }
}
