package io.tollgate.flight.tenant;

import java.util.List;

/**
 * Where one tenant's SQL data lives and how its transactions are bound, as flight-service needs it.
 *
 * @param tenantId            the tenant
 * @param active              whether the tenant may be served
 * @param sharedRls           true when the tenant shares its database and row-level security keeps
 *                            tenants apart (the context variables are then all that separates them)
 * @param jdbcUrl             the backend database
 * @param username            the backend role for tenant traffic
 * @param password            its password
 * @param pool                pool limits
 * @param contextVariables    the variables bound for every transaction
 * @param statementTimeoutMs  statement timeout, 0 for the backend's default
 * @param revision            the registry revision of this route
 */
public record TenantRoute(
        String tenantId,
        boolean active,
        boolean sharedRls,
        String jdbcUrl,
        String username,
        String password,
        PoolLimits pool,
        List<ContextVariable> contextVariables,
        long statementTimeoutMs,
        long revision) {

    /** Connection pool limits for one backend. */
    public record PoolLimits(int maxConnections, int minIdle, long connectionTimeoutMs) {
    }

    /** Where a bound variable's value comes from. */
    public enum ContextSource { TENANT_ID, SUBJECT, ROLES, CLAIM }

    /** One variable bound for each transaction. */
    public record ContextVariable(String name, ContextSource source, String claim) {
    }

    @Override
    public String toString() {
        // Never print the password.
        return "TenantRoute[" + tenantId + ", revision " + revision + "]";
    }
}
