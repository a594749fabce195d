package io.tollgate.catalog.handler;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tollgate.catalog.storage.WarehouseCatalogs;
import io.tollgate.common.tenant.TenantGate;
import io.tollgate.common.tenant.TenantRefusedException;
import io.tollgate.proto.router.v1.Tenant;
import jakarta.inject.Singleton;

/**
 * Closes the catalogs and FileIOs of warehouses that left the registry (or whose tenant is no longer
 * served), once a minute, so that the open ones stay bounded by the warehouses registered. Before
 * the registry has arrived nothing is closed.
 */
@Singleton
public class WarehouseSweep {
    private final TenantGate tenants;
    private final WarehouseCatalogs catalogs;

    public WarehouseSweep(TenantGate tenants, WarehouseCatalogs catalogs) {
        this.tenants = tenants;
        this.catalogs = catalogs;
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void sweep() {
        if (tenants.directoryReady()) {
            catalogs.retain(this::registered);
        }
    }

    boolean registered(String tenantId, String warehouseName) {
        Tenant tenant;
        try {
            tenant = tenants.admit(tenantId);
        } catch (TenantRefusedException e) {
            return false;
        }
        return tenant.getWarehousesList().stream().anyMatch(warehouse -> warehouse.getName().equals(warehouseName));
    }
}
