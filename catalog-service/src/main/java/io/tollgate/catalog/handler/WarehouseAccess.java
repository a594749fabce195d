package io.tollgate.catalog.handler;

import io.tollgate.catalog.storage.WarehouseCatalogs;
import io.tollgate.catalog.storage.WarehouseRoot;
import io.tollgate.catalog.storage.WarehouseStorage;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.tenant.TenantGate;
import io.tollgate.proto.router.v1.S3Storage;
import io.tollgate.proto.router.v1.Tenant;
import jakarta.inject.Singleton;

/**
 * Which warehouse a caller reaches, and whether it may do an operation there. The tenant must be
 * served (common's gate), the warehouse must be its own (another tenant's name and an unknown one
 * are the same {@link WarehouseNotFoundException}), and its roles must cover the operation; only
 * then is the warehouse's catalog opened.
 */
@Singleton
public class WarehouseAccess {
    private final TenantGate tenants;
    private final WarehouseCatalogs catalogs;

    public WarehouseAccess(TenantGate tenants, WarehouseCatalogs catalogs) {
        this.tenants = tenants;
        this.catalogs = catalogs;
    }

    /**
     * The name of the caller's warehouse: the one it asks for, or its tenant's only one.
     *
     * @param requested the warehouse the client was configured with, or null
     */
    public String warehouseName(Caller caller, String requested) {
        Tenant tenant = tenants.admit(caller.tenantId());
        String label = requested == null || requested.isEmpty() ? "(default)" : requested;
        if (!tenant.hasWarehouse() || tenant.getWarehouse().getName().isEmpty()) {
            throw new WarehouseNotFoundException(label);
        }
        String own = tenant.getWarehouse().getName();
        if (requested != null && !requested.isEmpty() && !requested.equals(own)) {
            throw new WarehouseNotFoundException(label);
        }
        return own;
    }

    /** The caller's warehouse named {@code prefix}, for an operation that needs {@code needed}. */
    Warehouse open(Caller caller, String prefix, String operation, AccessClass needed) {
        Tenant tenant = tenants.admit(caller.tenantId());
        if (!tenant.hasWarehouse() || !tenant.getWarehouse().getName().equals(prefix)) {
            throw new WarehouseNotFoundException(prefix);
        }
        if (!caller.access().covers(needed)) {
            throw new RoleRefusedException(operation, needed);
        }
        io.tollgate.proto.router.v1.Warehouse registered = tenant.getWarehouse();
        WarehouseStorage storage = storageOf(registered);
        return new Warehouse(prefix, catalogs.of(tenant.getId(), prefix, registered.getLocation(), storage),
                WarehouseRoot.of(registered.getLocation()), storage);
    }

    /** Whether the caller's warehouse signs S3 requests for clients (it is an S3 one). */
    public boolean signsRequests(Caller caller, String warehouseName) {
        Tenant tenant = tenants.admit(caller.tenantId());
        return tenant.hasWarehouse() && tenant.getWarehouse().getName().equals(warehouseName)
                && storageOf(tenant.getWarehouse()) != null;
    }

    // The registry's storage settings as the catalog holds them; none for a local warehouse.
    private static WarehouseStorage storageOf(io.tollgate.proto.router.v1.Warehouse registered) {
        if (!registered.hasStorage() || !registered.getStorage().hasS3()) {
            return null;
        }
        S3Storage s3 = registered.getStorage().getS3();
        return new WarehouseStorage(s3.getEndpoint(), s3.getRegion(), s3.getPathStyleAccess(),
                s3.getKeys().getAccessKeyId(), s3.getKeys().getSecretAccessKey());
    }
}
