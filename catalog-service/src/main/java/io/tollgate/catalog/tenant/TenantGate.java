package io.tollgate.catalog.tenant;

import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.proto.router.v1.TenantStatus;
import jakarta.inject.Singleton;

/**
 * Lets a caller's tenant through only while the registry says it is active. Fed by the tenant
 * directory's stream, so a suspension stops catalog calls as soon as router-service streams it.
 */
@Singleton
public class TenantGate {
    private final TenantDirectory directory;

    public TenantGate(TenantDirectory directory) {
        this.directory = directory;
    }

    /** @throws TenantRefusedException unless the tenant is known and active */
    public void requireActive(String tenantId) {
        TenantDirectory.Lookup lookup = directory.lookup(tenantId);
        switch (lookup.outcome()) {
            case NOT_SYNCED -> throw new TenantRefusedException(TenantRefusedException.Reason.REGISTRY_UNAVAILABLE);
            case UNKNOWN -> throw new TenantRefusedException(TenantRefusedException.Reason.NOT_ACTIVE);
            case FOUND -> {
                if (lookup.tenant().getStatus() != TenantStatus.TENANT_STATUS_ACTIVE) {
                    throw new TenantRefusedException(TenantRefusedException.Reason.NOT_ACTIVE);
                }
            }
        }
    }
}
