package io.tollgate.auth.persistence;

import io.micronaut.data.exceptions.DataAccessException;
import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.AccountStatus;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Accounts as the services see them: domain types in, domain types out. */
@Singleton
public class AccountStore {
    private final AccountRepository repository;

    public AccountStore(AccountRepository repository) {
        this.repository = repository;
    }

    public Optional<Account> find(AccountName name) {
        return repository.findByTenantIdAndName(name.tenantId(), name.name()).map(AccountStore::toDomain);
    }

    /** The account by its database id, e.g. the one a refresh-token family belongs to. */
    public Optional<Account> find(long id) {
        return repository.findById(id).map(AccountStore::toDomain);
    }

    public boolean exists(AccountName name) {
        return repository.existsByTenantIdAndName(name.tenantId(), name.name());
    }

    /**
     * Creates an active account unless one of that name exists.
     *
     * @return whether this call created it; false when it existed already (perhaps created a
     *         moment ago by another replica running the same bootstrap)
     */
    public boolean createIfAbsent(AccountName name, String passwordHash, Set<Role> roles) {
        if (exists(name)) {
            return false;
        }
        List<String> roleNames = RoleNames.wireNames(roles);
        try {
            repository.save(new AccountEntity(null, name.tenantId(), name.name(), passwordHash, roleNames,
                    AccountStatus.ACTIVE.dbName(), 0, null, null, null));
            return true;
        } catch (DataAccessException e) {
            if (exists(name)) {
                return false;
            }
            throw e;
        }
    }

    public void updatePasswordHash(long id, String passwordHash) {
        repository.update(id, passwordHash);
    }

    private static Account toDomain(AccountEntity row) {
        AccountName name = new AccountName(row.name(), row.tenantId());
        // A status or role this build does not know grants nothing: the account stays locked or
        // loses that role, rather than the login failing open.
        AccountStatus status = AccountStatus.fromDbName(row.status()).orElse(AccountStatus.DISABLED);
        Set<Role> roles = RoleNames.known(row.roles(), "account " + name);
        return new Account(row.id(), name, row.passwordHash(), roles, status, row.lockedUntil());
    }
}
