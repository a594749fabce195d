package io.tollgate.auth.service.admin;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.AccountStatus;
import io.tollgate.auth.domain.Listing;
import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.auth.persistence.AccountStore;
import io.tollgate.auth.persistence.ClientStore;
import io.tollgate.auth.service.AuditLog;
import io.tollgate.auth.service.PasswordHasher;
import io.tollgate.auth.service.revocation.RevocationService;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accounts through the admin API. A change that takes something away (disabling, a password
 * reset, new roles) also revokes the account's tokens and sessions, so the old ones stop working
 * everywhere within the revocation delivery time instead of at their expiry.
 */
@Singleton
public class AccountAdminService {
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final GeneratedSecrets secrets;
    private final ClientStore clients;
    private final RevocationService revocations;
    private final AdminPolicy policy;
    private final AuditLog audit;

    public AccountAdminService(AccountStore accounts, ClientStore clients, PasswordHasher hasher,
                               GeneratedSecrets secrets, RevocationService revocations, AdminPolicy policy,
                               AuditLog audit) {
        this.accounts = accounts;
        this.clients = clients;
        this.hasher = hasher;
        this.secrets = secrets;
        this.revocations = revocations;
        this.policy = policy;
        this.audit = audit;
    }

    /**
     * Creates an active account.
     *
     * @param password the initial password, or null to generate one (returned once)
     */
    public CreatedSecret<Account> create(AdminCaller caller, String username, @Nullable String password,
                                         List<String> roleNames) {
        AccountName name = AdminInput.username("username", username);
        policy.requireVisible(caller, name.tenantId(), "tenant");
        Set<Role> roles = AdminInput.roles("roles", roleNames);
        policy.requireGrantable(caller, name.tenantId(), roles, "roles");
        String chosen = password == null ? null : AdminInput.password("password", password);
        String initial = chosen == null ? secrets.password() : chosen;
        if (clients.exists(name.toString())) {
            // Tokens speak for an account and a client by the same subject, name@tenant.
            throw new AdminConflictException("username", "a service client of this name exists in the tenant");
        }
        if (!accounts.createIfAbsent(name, hasher.hash(initial), roles)) {
            throw new AdminConflictException("username", "an account of this name exists");
        }
        Account created = accounts.find(name).orElseThrow();
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(), "account.create", name.tenantId(),
                name.toString(), "roles=" + wire(roles) + (chosen == null ? " password=generated" : ""));
        return new CreatedSecret<>(created, chosen == null ? initial : null);
    }

    public Listing<Account> list(AdminCaller caller, @Nullable String tenant, int page, int size) {
        AdminInput.page(page, size);
        return accounts.list(policy.listedTenant(caller, tenant), page * size, size);
    }

    public Account get(AdminCaller caller, String username) {
        AccountName name = AdminInput.username("username", username);
        policy.requireVisible(caller, name.tenantId(), "account");
        return accounts.find(name).orElseThrow(() -> new AdminNotFoundException("account"));
    }

    public Account setStatus(AdminCaller caller, String username, AccountStatus status) {
        Account account = changeable(caller, username);
        accounts.setStatus(account.id(), status);
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(),
                status == AccountStatus.ACTIVE ? "account.enable" : "account.disable", account.name().tenantId(),
                account.name().toString(), "status=" + status.dbName());
        if (status != AccountStatus.ACTIVE) {
            revokeTokens(caller, account, "account disabled");
        }
        return accounts.find(account.id()).orElseThrow();
    }

    /**
     * Replaces the password and lifts any lock-out; the account's tokens and sessions end.
     *
     * @param password the new password, or null to generate one (returned once)
     */
    public CreatedSecret<Account> resetPassword(AdminCaller caller, String username, @Nullable String password) {
        Account account = changeable(caller, username);
        String chosen = password == null ? null : AdminInput.password("password", password);
        String next = chosen == null ? secrets.password() : chosen;
        accounts.resetPassword(account.id(), hasher.hash(next));
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(), "account.reset_password",
                account.name().tenantId(), account.name().toString(), chosen == null ? "password=generated" : null);
        revokeTokens(caller, account, "password reset");
        return new CreatedSecret<>(accounts.find(account.id()).orElseThrow(), chosen == null ? next : null);
    }

    /** Replaces the roles; tokens carrying the old ones are revoked. */
    public Account setRoles(AdminCaller caller, String username, List<String> roleNames) {
        Account account = changeable(caller, username);
        Set<Role> roles = AdminInput.roles("roles", roleNames);
        policy.requireGrantable(caller, account.name().tenantId(), roles, "roles");
        accounts.setRoles(account.id(), roles);
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(), "account.set_roles",
                account.name().tenantId(), account.name().toString(), "roles=" + wire(roles));
        revokeTokens(caller, account, "roles changed");
        return accounts.find(account.id()).orElseThrow();
    }

    // Visible, and holding no role above the caller's: a tenant-admin of the platform tenant
    // cannot disable or demote a platform-admin.
    private Account changeable(AdminCaller caller, String username) {
        Account account = get(caller, username);
        policy.requireOutranked(caller, account.roles(), "the account");
        return account;
    }

    private void revokeTokens(AdminCaller caller, Account account, String reason) {
        revocations.revoke(new RevocationTarget.Subject(account.name().tenantId(), account.name().toString()), null,
                reason, caller.actor());
    }

    static String wire(Set<Role> roles) {
        return roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
    }
}
