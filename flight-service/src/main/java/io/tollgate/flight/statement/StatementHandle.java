package io.tollgate.flight.statement;

import java.time.Instant;

/**
 * Everything needed to run a statement, carried by the client instead of kept in a replica's
 * memory: any replica can redeem it, and only for the tenant and subject it was made for.
 *
 * @param tenantId  the tenant it was made for
 * @param subject   the subject it was made for
 * @param sql       the statement's SQL text
 * @param expiresAt after this instant it is refused
 */
public record StatementHandle(String tenantId, String subject, String sql, Instant expiresAt) {
}
