package io.tollgate.auth.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the revocation log.
 *
 * @param sequence  its position in the log; strictly increasing in commit order
 * @param target    what was revoked
 * @param revokedAt tokens of a subject or tenant issued at or before this instant are revoked
 * @param expiresAt after this instant no token it covers is still valid, so it can be forgotten
 * @param reason    why, for the audit trail
 * @param actor     who asked for it
 */
public record Revocation(long sequence, RevocationTarget target, Instant revokedAt, Instant expiresAt, String reason,
                         String actor) {

    public Revocation {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
    }
}
