package io.tollgate.common.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocations a service knows of, applied to every token it accepts. A token is revoked when
 * its id is, or when its subject or its tenant has a revocation made at or after the token was
 * issued. Entries are forgotten once every token they cover has expired.
 */
public final class RevocationSet {
    private record Entry(Instant revokedAt, Instant expiresAt) {
    }

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Entry> subjects = new ConcurrentHashMap<>();
    private final Map<String, Entry> tenants = new ConcurrentHashMap<>();

    public void revokeToken(String tokenId, Instant expiresAt) {
        tokens.merge(tokenId, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    public void revokeSubject(String tenantId, String subject, Instant revokedAt, Instant expiresAt) {
        subjects.merge(tenantId + '\u0000' + subject, new Entry(revokedAt, expiresAt), RevocationSet::later);
    }

    public void revokeTenant(String tenantId, Instant revokedAt, Instant expiresAt) {
        tenants.merge(tenantId, new Entry(revokedAt, expiresAt), RevocationSet::later);
    }

    private static Entry later(Entry a, Entry b) {
        return new Entry(a.revokedAt().isAfter(b.revokedAt()) ? a.revokedAt() : b.revokedAt(),
                a.expiresAt().isAfter(b.expiresAt()) ? a.expiresAt() : b.expiresAt());
    }

    /** Whether the principal's token is revoked. */
    public boolean isRevoked(Principal principal) {
        if (principal.tokenId() != null && tokens.containsKey(principal.tokenId())) {
            return true;
        }
        return covers(subjects.get(principal.tenantId() + '\u0000' + principal.subject()), principal)
                || covers(tenants.get(principal.tenantId()), principal);
    }

    private static boolean covers(Entry entry, Principal principal) {
        // iat has whole seconds: a token issued in the same second as the revocation counts as
        // revoked (fail closed), at the cost of one more login.
        return entry != null && !principal.issuedAt().isAfter(entry.revokedAt());
    }

    /** Forgets entries whose tokens have all expired. */
    public void purgeExpired(Instant now) {
        tokens.values().removeIf(expiresAt -> expiresAt.isBefore(now));
        subjects.values().removeIf(e -> e.expiresAt().isBefore(now));
        tenants.values().removeIf(e -> e.expiresAt().isBefore(now));
    }

    /** How many entries are held, for metrics and tests. */
    public int size() {
        return tokens.size() + subjects.size() + tenants.size();
    }
}
