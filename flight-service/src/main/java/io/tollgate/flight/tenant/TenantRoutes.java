package io.tollgate.flight.tenant;

import io.tollgate.common.tenant.TenantGate;
import io.tollgate.flight.config.QuotaConfig;
import io.tollgate.proto.router.v1.ContextVariable;
import io.tollgate.proto.router.v1.Credentials;
import io.tollgate.proto.router.v1.IsolationMode;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.proto.router.v1.SqlBackend;
import io.tollgate.proto.router.v1.Tenant;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A tenant's route: admitted by common's {@link TenantGate} (which reads the registry copy that
 * router-service streams, so a suspension takes effect here as soon as it is streamed), then
 * mapped from the registry's terms to the data plane's.
 */
@Singleton
public class TenantRoutes {
    private final TenantGate gate;
    private final QuotaConfig defaults;

    public TenantRoutes(TenantGate gate, QuotaConfig defaults) {
        this.gate = gate;
        this.defaults = defaults;
    }

    /**
     * The route of a tenant that may be served.
     *
     * @throws io.tollgate.common.tenant.TenantRefusedException when it may not (the gate's policy)
     */
    public TenantRoute resolve(String tenantId) {
        return toRoute(gate.admit(tenantId), defaults);
    }

    static TenantRoute toRoute(Tenant tenant, QuotaConfig defaults) {
        SqlBackend backend = tenant.getSqlBackend();
        List<TenantRoute.ContextVariable> variables = tenant.getContextVariablesList().stream()
                .map(TenantRoutes::toVariable)
                .toList();
        return new TenantRoute(
                tenant.getId(),
                backend.getIsolationMode() == IsolationMode.ISOLATION_MODE_SHARED_RLS,
                backend.getJdbcUrl(),
                logins(backend),
                new TenantRoute.PoolLimits(backend.getPool().getMaxConnections(), backend.getPool().getMinIdle(),
                        backend.getPool().getConnectionTimeoutMs()),
                variables,
                quotas(tenant.getQuotas(), defaults),
                tenant.getRevision());
    }

    // A registry that predates per-class logins sends only the owner login, which every class then
    // runs as (as every caller did before); a class login sent without a username is no login.
    static TenantRoute.Logins logins(SqlBackend backend) {
        TenantRoute.Login owner = login(backend.getCredentials());
        if (!backend.hasLogins()) {
            return TenantRoute.Logins.shared(owner);
        }
        return new TenantRoute.Logins(login(backend.getLogins().getReader()), login(backend.getLogins().getWriter()),
                backend.getLogins().hasAdmin() ? login(backend.getLogins().getAdmin()) : owner);
    }

    private static TenantRoute.Login login(Credentials credentials) {
        if (credentials.getUsername().isEmpty()) {
            throw new TenantUnavailableException(TenantUnavailableException.Kind.MISCONFIGURED);
        }
        return new TenantRoute.Login(credentials.getUsername(), credentials.getPassword());
    }

    /** The route's quotas, each one the route leaves at 0 (or below, never valid) taken from the defaults. */
    static TenantRoute.Quotas quotas(Quotas route, QuotaConfig defaults) {
        return new TenantRoute.Quotas(
                route.getMaxConcurrentQueries() > 0 ? route.getMaxConcurrentQueries()
                        : Math.max(0, defaults.maxConcurrentQueries()),
                route.getStatementTimeoutMs() > 0 ? route.getStatementTimeoutMs()
                        : Math.max(0, defaults.statementTimeout().toMillis()),
                route.getMaxResultRows() > 0 ? route.getMaxResultRows() : Math.max(0, defaults.maxResultRows()),
                route.getMaxResultBytes() > 0 ? route.getMaxResultBytes() : Math.max(0, defaults.maxResultBytes()));
    }

    private static TenantRoute.ContextVariable toVariable(ContextVariable v) {
        TenantRoute.ContextSource source = switch (v.getSource()) {
            case CONTEXT_SOURCE_TENANT_ID -> TenantRoute.ContextSource.TENANT_ID;
            case CONTEXT_SOURCE_SUBJECT -> TenantRoute.ContextSource.SUBJECT;
            case CONTEXT_SOURCE_ROLES -> TenantRoute.ContextSource.ROLES;
            case CONTEXT_SOURCE_CLAIM -> TenantRoute.ContextSource.CLAIM;
            default -> throw new TenantUnavailableException(TenantUnavailableException.Kind.MISCONFIGURED);
        };
        return new TenantRoute.ContextVariable(v.getName(), source, v.getClaim());
    }
}
