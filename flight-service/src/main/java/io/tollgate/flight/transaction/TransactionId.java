package io.tollgate.flight.transaction;

/**
 * What a signed transaction id names: whose transaction, on which replica, under which key.
 *
 * @param tenantId  the tenant that began it
 * @param subject   the subject that began it
 * @param replicaId the replica whose connection it holds
 * @param key       its key in that replica's registry
 */
public record TransactionId(String tenantId, String subject, String replicaId, String key) {
}
