/**
 * The registry's tables, in plain JDBC; a failed statement is common's
 * {@link io.tollgate.common.error.StoreException}. Returns domain values; must not import
 * {@code api} or {@code service}.
 * <p>
 * <b>Who owns a connection:</b> the transaction does, never a repository. Every repository method
 * is {@code @Transactional} (or {@code MANDATORY}) and runs its statements on the connection bound
 * to the current transaction, got from {@code TransactionOperations<Connection>#getConnection()}.
 * Repositories close their statements and result sets, but never that connection: Micronaut Data
 * opens it when the outermost transaction begins and returns it to the pool when that transaction
 * ends, and nested calls (a read inside a write, the catch-up's several reads) share it. Called
 * without a transaction, {@code getConnection()} fails rather than quietly using a connection of
 * its own, on which the registry lock would protect nothing.
 */
package io.tollgate.router.persistence;
