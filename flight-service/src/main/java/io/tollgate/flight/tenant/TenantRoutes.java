package io.tollgate.flight.tenant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.proto.router.v1.ContextVariable;
import io.tollgate.proto.router.v1.IsolationMode;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.SqlBackend;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Resolves tenants through router-service and keeps what it learnt for a short while. When the
 * registry cannot be reached it keeps serving the last route it knew; a tenant it has never known
 * is refused (fail closed).
 */
@Singleton
public class TenantRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRoutes.class);

    private final RouterServiceGrpc.RouterServiceBlockingStub router;
    private final FlightConfig config;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(TenantRoute route, Instant fetchedAt) {
    }

    public TenantRoutes(RouterServiceGrpc.RouterServiceBlockingStub router, FlightConfig config) {
        this.router = router;
        this.config = config;
    }

    /** The active route of a tenant. */
    public TenantRoute resolve(String tenantId) {
        Cached cached = cache.get(tenantId);
        Instant now = clock.instant();
        TenantRoute route;
        if (cached != null && now.isBefore(cached.fetchedAt().plus(config.routeCacheTtl()))) {
            route = cached.route();
        } else {
            route = fetch(tenantId, cached);
        }
        if (!route.active()) {
            throw new TenantUnavailableException(TenantUnavailableException.Kind.INACTIVE);
        }
        return route;
    }

    private TenantRoute fetch(String tenantId, Cached stale) {
        try {
            Tenant tenant = router.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(tenantId).build())
                    .getTenant();
            TenantRoute route = toRoute(tenant);
            cache.put(tenantId, new Cached(route, clock.instant()));
            return route;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                cache.remove(tenantId);
                throw new TenantUnavailableException(TenantUnavailableException.Kind.UNKNOWN);
            }
            if (stale != null) {
                LOG.warn("router-service unreachable ({}); serving the last known route of a tenant",
                        e.getStatus().getCode());
                return stale.route();
            }
            throw new TenantUnavailableException(TenantUnavailableException.Kind.REGISTRY_UNREACHABLE);
        }
    }

    static TenantRoute toRoute(Tenant tenant) {
        SqlBackend backend = tenant.getSqlBackend();
        List<TenantRoute.ContextVariable> variables = tenant.getContextVariablesList().stream()
                .map(TenantRoutes::toVariable)
                .toList();
        return new TenantRoute(
                tenant.getId(),
                tenant.getStatus() == TenantStatus.TENANT_STATUS_ACTIVE,
                backend.getIsolationMode() == IsolationMode.ISOLATION_MODE_SHARED_RLS,
                backend.getJdbcUrl(),
                backend.getCredentials().getUsername(),
                backend.getCredentials().getPassword(),
                new TenantRoute.PoolLimits(backend.getPool().getMaxConnections(), backend.getPool().getMinIdle(),
                        backend.getPool().getConnectionTimeoutMs()),
                variables,
                tenant.getQuotas().getStatementTimeoutMs(),
                tenant.getRevision());
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
