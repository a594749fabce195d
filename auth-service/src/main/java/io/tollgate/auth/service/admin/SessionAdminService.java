package io.tollgate.auth.service.admin;

import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.RefreshFamily;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.auth.persistence.RefreshTokenStore;
import io.tollgate.auth.service.AuditLog;
import io.tollgate.auth.service.revocation.RevocationService;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * An account's sessions: the refresh-token families its password logins started. Revoking one
 * ends it and the access tokens it issued; revoking all revokes the subject, which ends every
 * family and every access token issued until now.
 */
@Singleton
public class SessionAdminService {
    private final AccountAdminService accounts;
    private final RefreshTokenStore families;
    private final RevocationService revocations;
    private final AdminPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    public SessionAdminService(AccountAdminService accounts, RefreshTokenStore families,
                               RevocationService revocations, AdminPolicy policy, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.families = families;
        this.revocations = revocations;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account's live families, newest first. */
    public List<RefreshFamily> list(AdminCaller caller, String username) {
        Account account = accounts.get(caller, username);
        return families.liveFamilies(account.name().tenantId(), account.name().toString(), clock.instant());
    }

    /** Ends one session. */
    public void revoke(AdminCaller caller, String username, String familyId) {
        Account account = accounts.get(caller, username);
        policy.requireOutranked(caller, account.roles(), "the account");
        UUID id;
        try {
            id = UUID.fromString(familyId);
        } catch (IllegalArgumentException e) {
            throw new AdminInputException("familyId", "must be a session id (a UUID)");
        }
        RefreshFamily family = families.liveFamily(id, clock.instant())
                .filter(f -> f.tenantId().equals(account.name().tenantId())
                        && f.subject().equals(account.name().toString()))
                .orElseThrow(() -> new AdminNotFoundException("session"));
        revocations.revokeFamily(family.familyId(), family.tenantId(), family.subject(), "session revoked by admin",
                caller.actor());
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(), "session.revoke",
                family.tenantId(), family.subject(), "family=" + family.familyId());
    }

    /** Ends every session and every access token of the account issued until now. */
    public Revocation revokeAll(AdminCaller caller, String username) {
        Account account = accounts.get(caller, username);
        policy.requireOutranked(caller, account.roles(), "the account");
        Revocation revocation = revocations.revoke(new RevocationTarget.Subject(account.name().tenantId(),
                account.name().toString()), null, "all sessions revoked by admin", caller.actor());
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(), "session.revoke_all",
                account.name().tenantId(), account.name().toString(), "sequence=" + revocation.sequence());
        return revocation;
    }
}
