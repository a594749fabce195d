/**
 * A tenant's limits while its work runs: concurrent queries, a result's rows and bytes, Arrow
 * memory per query and per tenant. Raises {@link io.tollgate.flight.quota.QuotaExceededException}
 * for the adapter to map. Must not import Flight's types, the adapter, statements or
 * transactions.
 */
package io.tollgate.flight.quota;
