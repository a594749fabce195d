package io.tollgate.auth.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A live refresh-token family: what one password login started and each refresh continues, which
 * the admin API shows as a session.
 *
 * @param lastUsedAt when its newest token was issued
 */
public record RefreshFamily(UUID familyId, String tenantId, String subject, Set<String> scopes, Instant createdAt,
                            Instant expiresAt, Instant lastUsedAt) {
}
