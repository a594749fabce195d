/**
 * auth-service's schema ({@code auth}), in plain JDBC through {@link io.tollgate.auth.persistence.Jdbc}
 * and micronaut-data repositories: accounts, clients, login failures, refresh-token families,
 * revocations. A failed statement is common's {@link io.tollgate.common.error.StoreException}.
 * Returns domain values; must not import {@code api} or {@code service}.
 */
package io.tollgate.auth.persistence;
