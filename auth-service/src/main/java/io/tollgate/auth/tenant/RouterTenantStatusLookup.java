package io.tollgate.auth.tenant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.auth.config.TenantStatusConfig;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** Asks router-service (ResolveTenant) for each login. */
@Singleton
public class RouterTenantStatusLookup implements TenantStatusLookup {
    private static final Logger LOG = LoggerFactory.getLogger(RouterTenantStatusLookup.class);

    private final RouterServiceGrpc.RouterServiceBlockingStub router;
    private final TenantStatusConfig config;

    public RouterTenantStatusLookup(RouterServiceGrpc.RouterServiceBlockingStub router, TenantStatusConfig config) {
        this.router = router;
        this.config = config;
    }

    @Override
    public TenantStanding standing(String tenantId) throws TenantStatusUnavailableException {
        Tenant tenant;
        try {
            tenant = router.withDeadlineAfter(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(tenantId).build())
                    .getTenant();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return TenantStanding.UNKNOWN;
            }
            LOG.warn("router-service could not tell the status of tenant {}: {}", tenantId, e.getStatus().getCode());
            throw new TenantStatusUnavailableException(e);
        }
        if (!tenantId.equals(tenant.getId())) {
            LOG.warn("router-service answered for another tenant than {}; refusing", tenantId);
            return TenantStanding.UNKNOWN;
        }
        // Anything but an explicit ACTIVE (including a status this build does not know) refuses.
        return switch (tenant.getStatus()) {
            case TENANT_STATUS_ACTIVE -> TenantStanding.ACTIVE;
            case TENANT_STATUS_DELETING -> TenantStanding.DELETING;
            default -> TenantStanding.SUSPENDED;
        };
    }
}
