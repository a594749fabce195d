package io.tollgate.auth.service;

import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.AuthenticationFailedException;
import io.tollgate.auth.domain.InvalidScopeException;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.auth.domain.RateLimitedException;
import io.tollgate.auth.domain.Scopes;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.domain.TokenSubject;
import io.tollgate.auth.persistence.AccountStore;
import io.tollgate.auth.persistence.LoginFailureStore;
import io.tollgate.auth.service.AuditLog.FailureReason;
import io.tollgate.auth.service.ratelimit.LoginRateLimiter;
import io.tollgate.auth.tenant.TenantAdmission;
import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks an account's password, for gRPC Authenticate and the password grant alike: rate limit,
 * tenant standing, lock-out, Argon2id, account status. Every refusal is the same
 * {@link AuthenticationFailedException}; only the audit log says which check failed.
 */
@Singleton
public class AuthenticationService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationService.class);

    private final AccountStore accounts;
    private final LoginFailureStore failures;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final AccessScopes scopes;
    private final TenantAdmission tenants;
    private final LoginRateLimiter rateLimiter;
    private final LockoutPolicy lockout;
    private final AuditLog audit;
    private final Clock clock;
    // Verified against whenever no real hash is at hand (unknown account, refused tenant, locked
    // account), so that every refusal costs the time of a wrong password and timing cannot tell
    // them apart.
    private final String dummyHash;

    public AuthenticationService(AccountStore accounts, LoginFailureStore failures, PasswordHasher hasher,
                                 TokenIssuer issuer, AccessScopes scopes, TenantAdmission tenants,
                                 LoginRateLimiter rateLimiter, LockoutPolicy lockout, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.failures = failures;
        this.hasher = hasher;
        this.issuer = issuer;
        this.scopes = scopes;
        this.tenants = tenants;
        this.rateLimiter = rateLimiter;
        this.lockout = lockout;
        this.audit = audit;
        this.clock = clock;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /**
     * A token for the account (gRPC Authenticate), if the password is right and the account and
     * its tenant may log in.
     *
     * @param requestedScopes the scopes asked for; empty for all the account may have
     * @throws AuthenticationFailedException     for every kind of refusal, alike
     * @throws RateLimitedException              when the account or address has made too many attempts
     * @throws TenantStatusUnavailableException  when the tenant registry cannot be asked
     * @throws InvalidScopeException             when none of the requested scopes can be granted
     */
    public IssuedToken authenticate(String username, String password, Optional<Set<String>> requestedScopes,
                                    String clientAddress) throws AuthenticationFailedException, RateLimitedException,
            TenantStatusUnavailableException, InvalidScopeException {
        // First, before any hash is spent.
        rateLimiter.check(username, clientAddress);
        return issue(username, password, requestedScopes, clientAddress, "password");
    }

    /**
     * As {@link #authenticate}, for a caller that has already taken this attempt from the
     * {@link LoginRateLimiter} (once per request).
     *
     * @param grant how the credentials were presented, for the audit trail
     */
    public IssuedToken issue(String username, String password, Optional<Set<String>> requestedScopes,
                             String clientAddress, String grant) throws AuthenticationFailedException,
            TenantStatusUnavailableException, InvalidScopeException {
        Account account = verifyPassword(username, password, clientAddress);
        IssuedToken token = issuer.issue(TokenSubject.of(account), Scopes.grant(requestedScopes, scopes.forAccounts()));
        audit.tokenIssued(grant, token.principal(), null, clientAddress);
        return token;
    }

    /**
     * The account, if the password is right and the account and its tenant may log in. Not rate
     * limited here: callers check {@link LoginRateLimiter} first, once per request.
     *
     * @param username      the account as {@code name@tenant}
     * @param password      the password in clear
     * @param clientAddress the end client's address, for rate limiting and the audit trail
     */
    public Account verifyPassword(String username, String password, String clientAddress)
            throws AuthenticationFailedException, TenantStatusUnavailableException {
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
        // Asked before the password is checked: were it asked after, a registry outage would
        // answer "unavailable" only to right passwords, and so confirm them.
        boolean admitted;
        try {
            admitted = tenants.admitsLogins(name.get().tenantId());
        } catch (TenantStatusUnavailableException e) {
            audit.tenantUnavailable(name.get().tenantId(), clientAddress);
            throw e;
        }
        if (!admitted) {
            refuse(name.get(), password, clientAddress, FailureReason.TENANT_REFUSED);
        }
        Optional<Account> found = accounts.find(name.get());
        if (found.isEmpty()) {
            refuse(name.get(), password, clientAddress, FailureReason.UNKNOWN_ACCOUNT);
        }
        Account account = found.get();
        Instant now = clock.instant();
        if (account.isLockedAt(now)) {
            // Not counted, and the password not even checked: a right password must not be
            // confirmed to someone who is locked out, and hammering must not extend the lock.
            refuse(name.get(), password, clientAddress, FailureReason.LOCKED);
        }
        if (!hasher.verify(password, account.passwordHash())) {
            recordFailure(account, clientAddress, now);
            audit.loginFailed(account.name(), clientAddress, FailureReason.WRONG_PASSWORD);
            throw new AuthenticationFailedException();
        }
        // The status is checked after the password so that a disabled account answers in the
        // same time as an active one.
        if (!account.isActive()) {
            audit.loginFailed(account.name(), clientAddress, FailureReason.DISABLED);
            throw new AuthenticationFailedException();
        }
        failures.reset(account.id());
        upgradeHashIfStale(account, password);
        audit.loginSucceeded(account.name(), clientAddress);
        return account;
    }

    private void refuse(AccountName name, String password, String clientAddress, FailureReason reason)
            throws AuthenticationFailedException {
        hasher.verify(password, dummyHash);
        audit.loginFailed(name, clientAddress, reason);
        throw new AuthenticationFailedException();
    }

    private void recordFailure(Account account, String clientAddress, Instant now) {
        LoginFailureStore.Failure failure = failures.recordFailure(account.id(),
                count -> lockout.lockFor(count).map(now::plus));
        failure.lockedUntil().ifPresent(until ->
                audit.accountLocked(account.name(), clientAddress, failure.consecutiveFailures(), until));
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
