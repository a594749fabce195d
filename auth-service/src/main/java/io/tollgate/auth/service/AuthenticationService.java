package io.tollgate.auth.service;

import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.AuthenticationFailedException;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.auth.persistence.AccountStore;
import io.tollgate.auth.service.AuditLog.FailureReason;
import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/** Checks an account's credentials and issues its access token. */
@Singleton
public class AuthenticationService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationService.class);

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final AuditLog audit;
    // Verified against when the account does not exist, so that an unknown name costs as much
    // time as a wrong password and timing cannot tell which names exist.
    private final String dummyHash;

    public AuthenticationService(AccountStore accounts, PasswordHasher hasher, TokenIssuer issuer, AuditLog audit) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.issuer = issuer;
        this.audit = audit;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /**
     * A token for the account, if the password is right and the account may log in.
     *
     * @param username      the account as {@code name@tenant}
     * @param password      the password in clear
     * @param clientAddress the end client's address, for the audit trail
     * @throws AuthenticationFailedException for every kind of refusal, alike
     */
    public IssuedToken authenticate(String username, String password, String clientAddress)
            throws AuthenticationFailedException {
        Optional<AccountName> name = AccountName.parse(username);
        if (name.isEmpty()) {
            // Whether a name is well-formed is public knowledge; no need to spend a hash on it.
            audit.loginFailedMalformedName(clientAddress);
            throw new AuthenticationFailedException();
        }
        if (password == null || password.isBlank()) {
            // Refused before the lookup, so it says nothing about whether the account exists.
            audit.loginFailed(name.get(), clientAddress, FailureReason.BLANK_PASSWORD);
            throw new AuthenticationFailedException();
        }
        Optional<Account> found = accounts.find(name.get());
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            audit.loginFailed(name.get(), clientAddress, FailureReason.UNKNOWN_ACCOUNT);
            throw new AuthenticationFailedException();
        }
        Account account = found.get();
        // The password is checked before the status so that a disabled account answers in the
        // same time as an active one.
        if (!hasher.verify(password, account.passwordHash())) {
            audit.loginFailed(account.name(), clientAddress, FailureReason.WRONG_PASSWORD);
            throw new AuthenticationFailedException();
        }
        if (!account.isActive()) {
            audit.loginFailed(account.name(), clientAddress, FailureReason.DISABLED);
            throw new AuthenticationFailedException();
        }
        upgradeHashIfStale(account, password);
        IssuedToken token = issuer.issue(account);
        audit.loginSucceeded(account.name(), clientAddress);
        return token;
    }

    // The clear password is only at hand during a login, so that is when an old hash is replaced.
    private void upgradeHashIfStale(Account account, String password) {
        if (!hasher.needsRehash(account.passwordHash())) {
            return;
        }
        try {
            accounts.updatePasswordHash(account.id(), hasher.hash(password));
            LOG.info("upgraded the password hash of {} to the configured Argon2 parameters", account.name());
        } catch (RuntimeException e) {
            // The login itself is sound; the upgrade is retried at the next one.
            LOG.warn("could not upgrade the password hash of {}", account.name(), e);
        }
    }
}
