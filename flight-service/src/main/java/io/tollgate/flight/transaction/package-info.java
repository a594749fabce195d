/**
 * Client transactions (Flight SQL's BeginTransaction / EndTransaction) and the SQL sessions every
 * statement runs in: signed transaction ids that say which replica holds the transaction, the
 * registry of open ones with their timeouts and leases, and the per-statement session that is
 * either the client's transaction or one of the statement's own. Must not import Flight's call
 * types or the adapter.
 */
package io.tollgate.flight.transaction;
