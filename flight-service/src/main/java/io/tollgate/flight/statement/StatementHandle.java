package io.tollgate.flight.statement;

import java.time.Instant;

/**
 * Everything needed to run a statement, carried by the client instead of kept in a replica's
 * memory: any replica can redeem it, and only for the tenant and subject it was made for.
 *
 * @param tenantId      the tenant it was made for
 * @param subject       the subject it was made for
 * @param sql           the statement's SQL text
 * @param expiresAt     after this instant it is refused
 * @param transactionId the signed id of the transaction the statement runs in; empty for none
 * @param parameters    bound parameter rows as an Arrow IPC stream; empty when none were bound
 */
public record StatementHandle(String tenantId, String subject, String sql, Instant expiresAt, byte[] transactionId,
                              byte[] parameters) {

    public boolean hasParameters() {
        return parameters.length > 0;
    }
}
