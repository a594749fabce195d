package io.tollgate.catalog.handler;

import io.tollgate.catalog.storage.TableRows;
import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ListTablesResponse;
import org.apache.iceberg.rest.responses.LoadTableResponse;

import java.util.Optional;

/**
 * Tables of the caller's warehouse: readers list, load and check; writers also create, commit,
 * rename and drop. Every location a create or a commit names is confined to the warehouse first.
 */
@Singleton
public class TableService {
    private final WarehouseAccess warehouses;
    private final TableRows rows;

    public TableService(WarehouseAccess warehouses, TableRows rows) {
        this.warehouses = warehouses;
        this.rows = rows;
    }

    public ListTablesResponse list(Caller caller, String prefix, Namespace namespace, String pageToken, String pageSize) {
        Warehouse warehouse = warehouses.open(caller, prefix, "list tables", AccessClass.READER);
        PageRequest page = PageRequest.of(pageToken, pageSize);
        return CatalogHandlers.listTables(warehouse.catalog(), namespace, page.token(), page.size());
    }

    public LoadTableResponse create(Caller caller, String prefix, Namespace namespace, CreateTableRequest request) {
        Warehouse warehouse = warehouses.open(caller, prefix, "create tables", AccessClass.WRITER);
        request.validate();
        if (request.stageCreate()) {
            // Not served yet (config does not advertise it): refused rather than half done.
            throw new BadRequestException("Staged table creation is not supported by this catalog yet");
        }
        CatalogLimits.table(TableIdentifier.of(namespace, request.name()));
        StorageConfinement.location(warehouse.root(), request.location());
        StorageConfinement.properties(warehouse.root(), request.properties());
        return CatalogHandlers.createTable(warehouse.catalog(), namespace, request);
    }

    /**
     * The table with its ETag; only the ETag when {@code ifNoneMatch} names the current one, decided
     * on the catalog's row without reading the metadata file. The tenant and role checks come first
     * either way, so a revoked token or a suspended tenant never gets a "not modified".
     *
     * @param ifNoneMatch the caller's {@code If-None-Match}, or null
     */
    public LoadedTable load(Caller caller, String prefix, TableIdentifier table, SnapshotMode mode,
                            String ifNoneMatch) {
        Warehouse warehouse = warehouses.open(caller, prefix, "load tables", AccessClass.READER);
        if (ifNoneMatch != null) {
            Optional<String> current = rows.currentMetadataLocation(warehouse.catalog().name(), table);
            if (current.isPresent()) {
                String etag = TableETag.of(caller, warehouse.name(), current.get(), mode);
                if (TableETag.matches(ifNoneMatch, etag)) {
                    return new LoadedTable(null, etag);
                }
            }
        }
        LoadTableResponse response = CatalogHandlers.loadTable(warehouse.catalog(), table, mode);
        return new LoadedTable(response, TableETag.of(caller, warehouse.name(), response.metadataLocation(), mode));
    }

    public void exists(Caller caller, String prefix, TableIdentifier table) {
        Warehouse warehouse = warehouses.open(caller, prefix, "check tables", AccessClass.READER);
        CatalogHandlers.tableExists(warehouse.catalog(), table);
    }

    public LoadTableResponse commit(Caller caller, String prefix, TableIdentifier table, UpdateTableRequest request) {
        Warehouse warehouse = warehouses.open(caller, prefix, "commit to tables", AccessClass.WRITER);
        // A commit may create its table (a staged create's assert-create): its name must fit as well.
        CatalogLimits.table(table);
        StorageConfinement.updates(warehouse.root(), request.updates());
        return CatalogHandlers.updateTable(warehouse.catalog(), table, request);
    }

    public void rename(Caller caller, String prefix, RenameTableRequest request) {
        Warehouse warehouse = warehouses.open(caller, prefix, "rename tables", AccessClass.WRITER);
        request.validate();
        CatalogLimits.table(request.destination());
        CatalogHandlers.renameTable(warehouse.catalog(), request);
    }

    /** Drops the table from the catalog; its files stay (purge, which must stay inside the root, is not served yet). */
    public void drop(Caller caller, String prefix, TableIdentifier table, boolean purge) {
        Warehouse warehouse = warehouses.open(caller, prefix, "drop tables", AccessClass.WRITER);
        if (purge) {
            throw new BadRequestException("Dropping a table with purge is not supported by this catalog yet");
        }
        CatalogHandlers.dropTable(warehouse.catalog(), table);
    }
}
