package io.tollgate.flight.ingest;

/**
 * Where bulk-ingested rows go and what to do about the table.
 *
 * @param table         the table's name, as given (not case-folded)
 * @param schema        its schema, or null for the session's current schema
 * @param catalog       its catalog, or null; if given it must be the tenant's database
 * @param temporary     a temporary table, dropped when the transaction carrying the ingest ends
 * @param ifExists      what to do when the table exists
 * @param ifMissing     what to do when it does not
 * @param transactionId the client's transaction, or empty for one of the call's own
 */
public record IngestRequest(String table, String schema, String catalog, boolean temporary, IfExists ifExists,
                            IfMissing ifMissing, byte[] transactionId) {

    /** What to do when the target table exists. */
    public enum IfExists { FAIL, APPEND, REPLACE }

    /** What to do when the target table does not exist. */
    public enum IfMissing { CREATE, FAIL }
}
