package io.tollgate.auth.service;

import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.GrantedTokens;
import io.tollgate.auth.domain.InvalidRefreshTokenException;
import io.tollgate.auth.domain.InvalidScopeException;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.auth.domain.Scopes;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.domain.TokenSubject;
import io.tollgate.auth.persistence.AccountStore;
import io.tollgate.auth.persistence.RefreshTokenStore;
import io.tollgate.auth.persistence.RefreshTokenStore.AccessTokenRef;
import io.tollgate.auth.persistence.RefreshTokenStore.StoredToken;
import io.tollgate.auth.service.revocation.RevocationService;
import io.tollgate.auth.tenant.TenantAdmission;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Refresh tokens: opaque 256-bit random strings, stored only as their SHA-256, grouped in the
 * family a password login starts. Each use consumes the token and issues a successor in the same
 * family; presenting a consumed token again means two parties hold the family (a theft, or a
 * client bug), so the whole family and every access token it issued are revoked.
 *
 * <p>A refresh re-checks the account (it must still exist and be active) and the tenant, and
 * takes the account's current roles. It is not refused by a login lock-out: the lock is about
 * password guessing, and honouring it here would let anyone with a wrong password log the real
 * user out.
 */
@Singleton
public class RefreshTokenService {
    static final String GRANT = "refresh_token";
    static final String ACTOR = "auth-service";
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 256;

    private final RefreshTokenStore store;
    private final AccountStore accounts;
    private final TenantAdmission tenants;
    private final TokenIssuer issuer;
    private final AccessScopes scopes;
    private final RevocationService revocations;
    private final AuthConfig config;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokenService(RefreshTokenStore store, AccountStore accounts, TenantAdmission tenants,
                               TokenIssuer issuer, AccessScopes scopes, RevocationService revocations,
                               AuthConfig config, AuditLog audit, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.tenants = tenants;
        this.issuer = issuer;
        this.scopes = scopes;
        this.revocations = revocations;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Starts a family for a password login that has just been issued {@code access}.
     *
     * @return the refresh token to hand to the client
     */
    public String startFamily(Account account, Set<String> grantedScopes, IssuedToken access) {
        Instant now = now();
        String token = newToken();
        store.startFamily(new RefreshTokenStore.NewFamily(UUID.randomUUID(), account.id(), account.name().tenantId(),
                        account.name().toString(), grantedScopes, now, now.plus(config.refreshTokenTtl())),
                hash(token), accessRef(access));
        return token;
    }

    /**
     * Exchanges a refresh token for a new access token and its successor refresh token.
     *
     * @param requestedScopes a subset of the family's scopes for the new access token; the family
     *                        itself keeps its scopes (RFC 6749 §6)
     */
    public GrantedTokens refresh(String presented, Optional<Set<String>> requestedScopes, String clientAddress)
            throws InvalidRefreshTokenException, InvalidScopeException, TenantStatusUnavailableException {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
            audit.refreshRefused(null, null, clientAddress, "MALFORMED");
            throw new InvalidRefreshTokenException();
        }
        byte[] presentedHash = hash(presented);
        StoredToken stored = store.find(presentedHash).orElse(null);
        if (stored == null) {
            audit.refreshRefused(null, null, clientAddress, "UNKNOWN");
            throw new InvalidRefreshTokenException();
        }
        if (stored.consumedAt() != null) {
            reused(stored, clientAddress);
        }
        Instant now = now();
        if (stored.familyRevokedAt() != null || !now.isBefore(stored.familyExpiresAt())) {
            refuse(stored, clientAddress, stored.familyRevokedAt() != null ? "FAMILY_REVOKED" : "EXPIRED");
        }
        Account account = accounts.find(stored.accountId()).orElse(null);
        if (account == null || !account.isActive()) {
            refuse(stored, clientAddress, "ACCOUNT_INACTIVE");
        }
        try {
            if (!tenants.admitsLogins(stored.tenantId())) {
                refuse(stored, clientAddress, "TENANT_REFUSED");
            }
        } catch (TenantStatusUnavailableException e) {
            audit.tenantUnavailable(stored.tenantId(), clientAddress);
            throw e;
        }
        // What the family was granted, less anything accounts may no longer have.
        Set<String> allowed = new HashSet<>(stored.scopes());
        allowed.retainAll(scopes.forAccounts());
        Set<String> granted = Scopes.grant(requestedScopes, allowed);

        IssuedToken access = issuer.issue(TokenSubject.of(account), granted);
        String next = newToken();
        switch (store.rotate(stored.familyId(), presentedHash, hash(next), now, accessRef(access))) {
            case ROTATED -> {
                audit.tokenIssued(GRANT, access.principal(), null, clientAddress);
                return new GrantedTokens(access, next);
            }
            // A concurrent refresh consumed it first: the same token was used twice.
            case REUSED -> reused(stored, clientAddress);
            case REFUSED -> refuse(stored, clientAddress, "FAMILY_REVOKED");
        }
        throw new InvalidRefreshTokenException();
    }

    /**
     * Revokes the family of a refresh token (RFC 7009), with the access tokens it issued.
     *
     * @param mayRevoke whether the caller may revoke tokens of the family's tenant
     * @return whether the token was a known refresh token (revoked or not)
     */
    public boolean revokeFamilyOf(String presented, String actor, String reason, Predicate<String> mayRevoke) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        Optional<StoredToken> stored = store.find(hash(presented));
        stored.filter(token -> mayRevoke.test(token.tenantId()))
                .ifPresent(token -> revocations.revokeFamily(token.familyId(), token.tenantId(), token.subject(),
                        reason, actor));
        return stored.isPresent();
    }

    private void reused(StoredToken stored, String clientAddress) throws InvalidRefreshTokenException {
        int revoked = revocations.revokeFamily(stored.familyId(), stored.tenantId(), stored.subject(),
                "refresh token reuse", ACTOR).size();
        audit.refreshReused(stored.familyId(), stored.tenantId(), stored.subject(), clientAddress, revoked);
        throw new InvalidRefreshTokenException();
    }

    private void refuse(StoredToken stored, String clientAddress, String reason) throws InvalidRefreshTokenException {
        audit.refreshRefused(stored.tenantId(), stored.subject(), clientAddress, reason);
        throw new InvalidRefreshTokenException();
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // Looked up by this hash, so comparing never touches the token itself; a 256-bit random
    // token needs no salt or slow hash.
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static AccessTokenRef accessRef(IssuedToken access) {
        return new AccessTokenRef(access.principal().tokenId(), access.principal().expiresAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
