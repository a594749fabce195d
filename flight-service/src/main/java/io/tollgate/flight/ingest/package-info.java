/**
 * Bulk ingest (Flight SQL's CommandStatementIngest) as a service: creates, appends to or replaces
 * a table of the caller's tenant from uploaded Arrow batches, within the caller's transaction or
 * one of its own. Reads batches through {@link io.tollgate.flight.statement.BatchSource}; knows
 * no Flight stream. Must not import Flight's call types or the adapter.
 */
package io.tollgate.flight.ingest;
