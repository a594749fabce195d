package io.tollgate.auth.persistence;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.core.annotation.Nullable;
import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.AccountStatus;
import io.tollgate.auth.domain.Listing;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Accounts as the services see them: domain types in, domain types out. */
@Singleton
public class AccountStore {
    private static final String COLUMNS = "id, tenant_id, name, password_hash, roles, status, locked_until";

    private final AccountRepository repository;
    private final Jdbc jdbc;

    public AccountStore(AccountRepository repository, Jdbc jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
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

    /**
     * One page of accounts, by tenant and name.
     *
     * @param tenantId the tenant, or null for every tenant
     */
    public Listing<Account> list(@Nullable String tenantId, int offset, int limit) {
        return jdbc.read("list accounts", connection -> {
            List<Account> accounts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM accounts "
                    + "WHERE (?::text IS NULL OR tenant_id = ?) ORDER BY tenant_id, name LIMIT ? OFFSET ?")) {
                select.setString(1, tenantId);
                select.setString(2, tenantId);
                select.setInt(3, limit);
                select.setInt(4, offset);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        accounts.add(toDomain(rs));
                    }
                }
            }
            return new Listing<>(accounts, Jdbc.countInTenant(connection, "accounts", tenantId));
        });
    }

    public void setStatus(long id, AccountStatus status) {
        update("change an account's status", "UPDATE accounts SET status = ?, updated_at = now() WHERE id = ?",
                status.dbName(), id);
    }

    public void setRoles(long id, Set<Role> roles) {
        jdbc.write("change an account's roles", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE accounts SET roles = ?, updated_at = now() WHERE id = ?")) {
                update.setArray(1, connection.createArrayOf("text", RoleNames.wireNames(roles).toArray()));
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
    }

    /** Replaces the password hash and lifts any lock-out: an operator's reset starts afresh. */
    public void resetPassword(long id, String passwordHash) {
        update("reset a password", "UPDATE accounts SET password_hash = ?, failed_logins = 0, locked_until = NULL, "
                + "updated_at = now() WHERE id = ?", passwordHash, id);
    }

    private void update(String operation, String sql, String value, long id) {
        jdbc.write(operation, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, value);
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
    }

    private static Account toDomain(ResultSet rs) throws SQLException {
        Array roles = rs.getArray("roles");
        return toDomain(new AccountEntity(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("name"),
                rs.getString("password_hash"), List.of((String[]) roles.getArray()), rs.getString("status"), 0,
                Jdbc.getInstant(rs, "locked_until"), null, null));
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
