package io.tollgate.flight.tenant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.flight.config.QuotaConfig;
import io.tollgate.proto.router.v1.ContextVariable;
import io.tollgate.proto.router.v1.Credentials;
import io.tollgate.proto.router.v1.IsolationMode;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.SqlBackend;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resolves a tenant's route from the {@link TenantDirectory}, which router-service keeps current
 * by streaming every change (so a suspension takes effect here as soon as it is streamed). Before
 * the directory's first snapshot it asks router-service directly; when neither answers, the call
 * is refused (fail closed).
 */
@Singleton
public class TenantRoutes {
    private final TenantDirectory directory;
    private final RouterServiceGrpc.RouterServiceBlockingStub router;
    private final QuotaConfig defaults;

    public TenantRoutes(TenantDirectory directory, RouterServiceGrpc.RouterServiceBlockingStub router,
                        QuotaConfig defaults) {
        this.directory = directory;
        this.router = router;
        this.defaults = defaults;
    }

    /** The active route of a tenant. */
    public TenantRoute resolve(String tenantId) {
        TenantDirectory.Lookup lookup = directory.lookup(tenantId);
        Tenant tenant = switch (lookup.outcome()) {
            case FOUND -> lookup.tenant();
            case UNKNOWN -> throw new TenantUnavailableException(TenantUnavailableException.Kind.UNKNOWN);
            case NOT_SYNCED -> resolveDirectly(tenantId);
        };
        TenantRoute route = toRoute(tenant, defaults);
        if (!route.active()) {
            throw new TenantUnavailableException(TenantUnavailableException.Kind.INACTIVE);
        }
        return route;
    }

    private Tenant resolveDirectly(String tenantId) {
        try {
            return router.withWaitForReady().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(tenantId).build())
                    .getTenant();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new TenantUnavailableException(TenantUnavailableException.Kind.UNKNOWN);
            }
            throw new TenantUnavailableException(TenantUnavailableException.Kind.REGISTRY_UNREACHABLE);
        }
    }

    static TenantRoute toRoute(Tenant tenant, QuotaConfig defaults) {
        SqlBackend backend = tenant.getSqlBackend();
        List<TenantRoute.ContextVariable> variables = tenant.getContextVariablesList().stream()
                .map(TenantRoutes::toVariable)
                .toList();
        return new TenantRoute(
                tenant.getId(),
                tenant.getStatus() == TenantStatus.TENANT_STATUS_ACTIVE,
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
