package io.tollgate.auth.service.revocation;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.config.RevocationConfig;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.auth.persistence.Jdbc;
import io.tollgate.auth.persistence.RefreshTokenStore;
import io.tollgate.auth.persistence.RefreshTokenStore.AccessTokenRef;
import io.tollgate.auth.persistence.RevocationStore;
import io.tollgate.auth.service.AuditLog;
import io.tollgate.common.auth.Principal;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records revocations, answers whether a token is revoked, and serves the revocation stream.
 *
 * <p>The semantics every verifier applies: a token is revoked if its jti is revoked, or its
 * (tenant, subject) has a revocation with {@code revoked_at >= iat}, or its tenant has one with
 * {@code revoked_at >= iat}. Since {@code iat} has whole seconds, a token issued within the same
 * second after a subject or tenant revocation is revoked too: the error falls on the safe side.
 */
@Singleton
public class RevocationService {
    private final RevocationStore store;
    private final RefreshTokenStore refreshTokens;
    private final RevocationFeed feed;
    private final Jdbc jdbc;
    private final AuthConfig config;
    private final RevocationConfig revocationConfig;
    private final AuditLog audit;
    private final Clock clock;

    public RevocationService(RevocationStore store, RefreshTokenStore refreshTokens, RevocationFeed feed, Jdbc jdbc,
                             AuthConfig config, RevocationConfig revocationConfig, AuditLog audit, Clock clock) {
        this.store = store;
        this.refreshTokens = refreshTokens;
        this.feed = feed;
        this.jdbc = jdbc;
        this.config = config;
        this.revocationConfig = revocationConfig;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a revocation. A subject or tenant revocation also revokes the refresh-token
     * families started before it, in the same transaction, so no refresh can mint a new token
     * for what was revoked.
     *
     * @param tokenExpiresAt for a token, its {@code exp} when known: the entry is kept that long;
     *                       otherwise (and for subjects and tenants) the longest access-token
     *                       lifetime from now
     */
    public Revocation revoke(RevocationTarget target, @Nullable Instant tokenExpiresAt, String reason, String actor) {
        Instant now = now();
        Instant expiresAt = target instanceof RevocationTarget.Token && tokenExpiresAt != null
                ? tokenExpiresAt : now.plus(config.accessTokenTtl());
        Revocation revocation = jdbc.write("revoke", connection -> {
            Revocation recorded = store.append(target, now, expiresAt, reason, actor);
            if (target instanceof RevocationTarget.Subject subject) {
                refreshTokens.revokeFamiliesOf(subject.tenantId(), subject.subject(), now, "subject revoked");
            } else if (target instanceof RevocationTarget.Tenant tenant) {
                refreshTokens.revokeFamiliesOf(tenant.tenantId(), null, now, "tenant revoked");
            }
            return recorded;
        });
        audit.revoked(revocation);
        feed.wakeUp();
        return revocation;
    }

    /**
     * Revokes a refresh-token family and, in the same transaction, every access token it issued
     * that has not expired yet.
     *
     * @return the revocations recorded for those access tokens
     */
    public List<Revocation> revokeFamily(UUID familyId, String tenantId, String subject, String reason, String actor) {
        Instant now = now();
        List<Revocation> revoked = jdbc.write("revoke a refresh-token family", connection -> {
            List<Revocation> recorded = new ArrayList<>();
            for (AccessTokenRef access : refreshTokens.revokeFamily(familyId, now, reason)) {
                recorded.add(store.append(new RevocationTarget.Token(access.jti(), tenantId), now, access.expiresAt(),
                        reason, actor));
            }
            return recorded;
        });
        audit.familyRevoked(familyId, tenantId, subject, actor, reason, revoked.size());
        revoked.forEach(audit::revoked);
        if (!revoked.isEmpty()) {
            feed.wakeUp();
        }
        return revoked;
    }

    /** Whether a verified token is revoked (see the class comment for the rule). */
    public boolean isRevoked(Principal principal) {
        return store.covers(principal.tokenId(), principal.tenantId(), principal.subject(), principal.issuedAt());
    }

    /** The newest entries, newest first; only one tenant's when {@code tenantId} is not null. */
    public List<Revocation> recent(@Nullable String tenantId, int limit) {
        return store.recent(tenantId, limit);
    }

    /** Still-relevant entries after a sequence, in order, at most one page. */
    public List<Revocation> relevantAfter(long sequence, int limit) {
        return store.relevantAfter(sequence, now(), limit);
    }

    /**
     * A stream, not started yet: once {@link RevocationWatch#start() started} it sends every
     * still-relevant revocation after {@code afterSequence} (in pages, the last one flagged
     * caught-up), then each new one as it is committed, by any replica. The caller arranges for
     * {@link RevocationWatch#close()} to run when its peer goes away before starting it.
     */
    public RevocationWatch watch(long afterSequence, RevocationWatch.Sink sink) {
        int pageSize = revocationConfig.pageSize();
        return new RevocationWatch(feed, sink, clock, Math.max(0, afterSequence),
                (after, now) -> store.relevantAfter(after, now, pageSize), pageSize);
    }

    // PostgreSQL keeps microseconds; truncating here makes the returned entry equal the stored one.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
