package io.tollgate.catalog.handler;

import io.tollgate.catalog.storage.WarehouseCatalogs;
import io.tollgate.catalog.storage.WarehouseRoot;
import io.tollgate.catalog.storage.WarehouseStorage;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.tenant.TenantGate;
import io.tollgate.proto.router.v1.S3Storage;
import io.tollgate.proto.router.v1.Tenant;
import jakarta.inject.Singleton;
import org.apache.iceberg.TableMetadata;

import java.util.Optional;

/**
 * Which warehouse a caller reaches, and whether it may do an operation there. The tenant must be
 * served (common's gate), the warehouse must be one of its own, by name (another tenant's name and
 * an unknown one are the same {@link WarehouseNotFoundException}), and its roles must cover the
 * operation; only then is the warehouse's catalog opened.
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
     * The name of the caller's warehouse: the one it asks for, or its tenant's first one (the
     * registry keeps a tenant's warehouses in order).
     *
     * @param requested the warehouse the client was configured with, or null
     */
    public String warehouseName(Caller caller, String requested) {
        Tenant tenant = tenants.admit(caller.tenantId());
        if (requested == null || requested.isEmpty()) {
            return tenant.getWarehousesList().stream().findFirst()
                    .orElseThrow(() -> new WarehouseNotFoundException("(default)")).getName();
        }
        return find(tenant, requested).orElseThrow(() -> new WarehouseNotFoundException(requested)).getName();
    }

    /** The caller's warehouse named {@code prefix}, for an operation that needs {@code needed}. */
    Warehouse open(Caller caller, String prefix, String operation, AccessClass needed) {
        Tenant tenant = tenants.admit(caller.tenantId());
        io.tollgate.proto.router.v1.Warehouse warehouse = find(tenant, prefix)
                .orElseThrow(() -> new WarehouseNotFoundException(prefix));
        if (!caller.access().covers(needed)) {
            throw new RoleRefusedException(operation, needed);
        }
        WarehouseStorage storage = WarehouseStorage.of(warehouse);
        return new Warehouse(prefix, catalogs.of(tenant.getId(), prefix, warehouse.getLocation(), storage),
                WarehouseRoot.of(warehouse.getLocation()), storage);
    }

    /**
     * Whether a metadata file (of a table in the caller's open warehouse) is still there: a 304
     * must not vouch for a table whose current metadata file is gone.
     */
    boolean metadataExists(Caller caller, Warehouse warehouse, String location) {
        return catalogs.exists(caller.tenantId(), warehouse.name(), location);
    }

    /**
     * The metadata in a metadata file of the caller's open warehouse, read once and then kept;
     * empty when the warehouse's catalog was replaced meanwhile (load it through the catalog).
     */
    Optional<TableMetadata> metadata(Warehouse warehouse, String location) {
        return catalogs.metadata(warehouse.catalog(), location);
    }

    /** Metadata a commit to a table of the warehouse has just written: its next load need not read it. */
    void written(Warehouse warehouse, TableMetadata metadata) {
        catalogs.written(warehouse.catalog(), metadata);
    }

    /** A table of the warehouse was dropped: nothing kept of its catalog's metadata files is served again. */
    void tableDropped(Warehouse warehouse) {
        catalogs.tableDropped(warehouse.catalog());
    }

    /** Whether the caller's warehouse of that name signs S3 requests for clients (it is an S3 one). */
    public boolean signsRequests(Caller caller, String warehouseName) {
        Tenant tenant = tenants.admit(caller.tenantId());
        return find(tenant, warehouseName).map(WarehouseStorage::of).isPresent();
    }

    private static Optional<io.tollgate.proto.router.v1.Warehouse> find(Tenant tenant, String name) {
        return tenant.getWarehousesList().stream().filter(w -> !w.getName().isEmpty() && w.getName().equals(name))
                .findFirst();
    }
}
