package io.tollgate.flight.tenant;

import io.tollgate.common.auth.AccessClass;

import java.util.List;

/**
 * Where one tenant's SQL data lives and how its transactions are bound, as flight-service needs it:
 * the route of a tenant common's tenant gate has admitted (so always one that may be served).
 *
 * @param tenantId            the tenant
 * @param sharedRls           true when the tenant shares its database and row-level security keeps
 *                            tenants apart (the context variables are then all that separates them)
 * @param jdbcUrl             the backend database
 * @param logins              the backend login of each access class
 * @param pool                pool limits; {@code maxConnections} is the total across the classes' pools
 * @param contextVariables    the variables bound for every transaction
 * @param quotas              the limits on the tenant's work, service defaults applied
 * @param revision            the registry revision of this route
 */
public record TenantRoute(
        String tenantId,
        boolean sharedRls,
        String jdbcUrl,
        Logins logins,
        PoolLimits pool,
        List<ContextVariable> contextVariables,
        Quotas quotas,
        long revision) {

    /** A route whose every access class logs in as the same role (tests, and routes of old registries). */
    public TenantRoute(String tenantId, boolean sharedRls, String jdbcUrl, String username,
                       String password, PoolLimits pool, List<ContextVariable> contextVariables, Quotas quotas,
                       long revision) {
        this(tenantId, sharedRls, jdbcUrl, Logins.shared(new Login(username, password)), pool,
                contextVariables, quotas, revision);
    }

    /** One backend login. */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    /** The login of each access class; the registry fills a class without one with the owner login. */
    public record Logins(Login reader, Login writer, Login admin) {
        /** Every class logs in as {@code login}. */
        public static Logins shared(Login login) {
            return new Logins(login, login, login);
        }

        /** The login this access class runs as. */
        public Login of(AccessClass accessClass) {
            return switch (accessClass) {
                case READER -> reader;
                case WRITER -> writer;
                case ADMIN -> admin;
            };
        }
    }

    /** Connection pool limits for one backend. */
    public record PoolLimits(int maxConnections, int minIdle, long connectionTimeoutMs) {
    }

    /**
     * The limits on a tenant's work, as enforced: the route's own values, with the service's
     * defaults where the route says 0. Here 0 means "no limit" (for the statement timeout: the
     * backend's own setting).
     *
     * @param maxConcurrentQueries statements the tenant may run at once on this replica
     * @param statementTimeoutMs   PostgreSQL's statement_timeout for the tenant's transactions
     * @param maxResultRows        rows one result may stream
     * @param maxResultBytes       Arrow buffer bytes one result may stream
     */
    public record Quotas(int maxConcurrentQueries, long statementTimeoutMs, long maxResultRows, long maxResultBytes) {
        /** No limits at all. */
        public static final Quotas NONE = new Quotas(0, 0, 0, 0);
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
