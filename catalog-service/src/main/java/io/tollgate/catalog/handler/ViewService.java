package io.tollgate.catalog.handler;

import io.tollgate.catalog.audit.AuditTarget;
import io.tollgate.catalog.audit.CatalogAudit;
import io.tollgate.catalog.storage.TableRows;
import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterViewRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ListTablesResponse;
import org.apache.iceberg.rest.responses.LoadViewResponse;
import org.apache.iceberg.view.SQLViewRepresentation;
import org.apache.iceberg.view.ViewMetadata;

/**
 * Views of the caller's warehouse: readers list, load and check; writers also create, replace,
 * rename and drop; tenant-admins also register. A view's metadata lies under the warehouse like a
 * table's: the location a create, a replace or a registered metadata file names, and the metadata
 * path among its properties, are confined first. Every change is recorded by {@link CatalogAudit}.
 */
@Singleton
public class ViewService {
    private final WarehouseAccess warehouses;
    private final CatalogAudit audit;
    private final NamespaceContents contents;

    public ViewService(WarehouseAccess warehouses, CatalogAudit audit, NamespaceContents contents) {
        this.warehouses = warehouses;
        this.audit = audit;
        this.contents = contents;
    }

    public ListTablesResponse list(Caller caller, String prefix, Namespace namespace, String pageToken, String pageSize) {
        Warehouse warehouse = warehouses.open(caller, prefix, "list views", AccessClass.READER);
        return contents.page(warehouse, namespace, TableRows.Kind.VIEW, pageToken, pageSize);
    }

    public LoadViewResponse create(Caller caller, String prefix, Namespace namespace, CreateViewRequest request) {
        AuditTarget target = AuditTarget.table(prefix, namespace, request.name());
        return audit.record(caller, "view.create", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "create views", AccessClass.WRITER);
            request.validate();
            // Iceberg's handler would fail with an internal error on any other kind: it is the request's fault.
            if (!request.viewVersion().representations().stream().allMatch(SQLViewRepresentation.class::isInstance)) {
                throw new BadRequestException("A view's representations must all be of type sql");
            }
            StorageConfinement.location(warehouse.root(), request.location());
            StorageConfinement.properties(warehouse.root(), request.properties());
            NamespaceService.requireExists(warehouse.catalog(), namespace);
            return CatalogHandlers.createView(warehouse.catalog(), namespace, request);
        });
    }

    public LoadViewResponse load(Caller caller, String prefix, TableIdentifier view) {
        Warehouse warehouse = warehouses.open(caller, prefix, "load views", AccessClass.READER);
        return CatalogHandlers.loadView(warehouse.catalog(), view);
    }

    public void exists(Caller caller, String prefix, TableIdentifier view) {
        Warehouse warehouse = warehouses.open(caller, prefix, "check views", AccessClass.READER);
        CatalogHandlers.viewExists(warehouse.catalog(), view);
    }

    /** Replaces the view's definition (a commit of its metadata, under Iceberg's requirements). */
    public LoadViewResponse replace(Caller caller, String prefix, TableIdentifier view, UpdateTableRequest request) {
        AuditTarget target = AuditTarget.table(prefix, view);
        return audit.record(caller, "view.replace", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "replace views", AccessClass.WRITER);
            StorageConfinement.updates(warehouse.root(), request.updates());
            return CatalogHandlers.updateView(warehouse.catalog(), view, request);
        });
    }

    public void rename(Caller caller, String prefix, RenameTableRequest request) {
        AuditTarget target = request.source() == null ? AuditTarget.warehouse(prefix)
                : AuditTarget.table(prefix, request.source())
                .withDetail("to " + (request.destination() == null ? "-" : request.destination()));
        audit.record(caller, "view.rename", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "rename views", AccessClass.WRITER);
            request.validate();
            CatalogHandlers.renameView(warehouse.catalog(), request);
        });
    }

    /**
     * Registers a view from a metadata file already in storage (tenant-admins only): the file, the
     * view's location and its metadata path must lie under the warehouse's root, checked on the
     * file as read before anything is written to the catalog.
     */
    public LoadViewResponse register(Caller caller, String prefix, Namespace namespace, RegisterViewRequest request) {
        AuditTarget target = AuditTarget.table(prefix, namespace, request.name());
        return audit.record(caller, "view.register", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "register views", AccessClass.ADMIN);
            request.validate();
            StorageConfinement.location(warehouse.root(), request.metadataLocation());
            TableIdentifier identifier = TableIdentifier.of(namespace, request.name());
            NamespaceService.requireExists(warehouse.catalog(), namespace);
            ViewMetadata metadata = TableFiles.readView(warehouse.catalog(), identifier, request.metadataLocation());
            StorageConfinement.metadata(warehouse.root(), metadata);
            return CatalogHandlers.registerView(warehouse.catalog(), namespace, request);
        });
    }

    public void drop(Caller caller, String prefix, TableIdentifier view) {
        AuditTarget target = AuditTarget.table(prefix, view);
        audit.record(caller, "view.drop", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "drop views", AccessClass.WRITER);
            CatalogHandlers.dropView(warehouse.catalog(), view);
        });
    }
}
