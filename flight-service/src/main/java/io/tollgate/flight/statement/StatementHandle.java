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
 * @param prepared      what preparing the statement found, or {@link Prepared#UNKNOWN} for a statement
 *                      that was not prepared
 */
public record StatementHandle(String tenantId, String subject, String sql, Instant expiresAt, byte[] transactionId,
                              byte[] parameters, Prepared prepared) {

    /**
     * What PostgreSQL said of a prepared statement, kept so that running it does not ask again.
     *
     * @param schemaDigest   names its result schema in {@link PreparedSchemas}; empty when unknown
     * @param parameterCount how many parameters it takes; -1 when unknown
     */
    public record Prepared(byte[] schemaDigest, int parameterCount) {
        public static final Prepared UNKNOWN = new Prepared(new byte[0], -1);

        public boolean known() {
            return parameterCount >= 0;
        }
    }

    public boolean hasParameters() {
        return parameters.length > 0;
    }
}
