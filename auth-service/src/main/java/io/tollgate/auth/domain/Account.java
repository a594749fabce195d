package io.tollgate.auth.domain;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.AccountName;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored account.
 *
 * @param id           the database id
 * @param name         who it is, {@code name@tenant}
 * @param passwordHash the Argon2id hash in PHC form
 * @param roles        the roles its tokens carry
 * @param status       whether it may log in
 * @param lockedUntil  until when failed logins have locked it, if they have
 */
public record Account(long id, AccountName name, String passwordHash, Set<Role> roles, AccountStatus status,
                      @Nullable Instant lockedUntil) {

    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(status, "status");
        roles = Set.copyOf(roles);
    }

    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }

    /** Whether a lock-out is in force at this instant. */
    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Leaves the hash out: it is not secret, but it is offline-attackable and has no place in logs. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", name=" + name + ", roles=" + roles + ", status=" + status + "]";
    }
}
