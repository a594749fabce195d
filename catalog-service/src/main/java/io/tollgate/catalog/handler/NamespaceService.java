package io.tollgate.catalog.handler;

import io.tollgate.catalog.audit.AuditTarget;
import io.tollgate.catalog.audit.CatalogAudit;
import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.responses.CreateNamespaceResponse;
import org.apache.iceberg.rest.responses.GetNamespaceResponse;
import org.apache.iceberg.rest.responses.ListNamespacesResponse;
import org.apache.iceberg.rest.responses.UpdateNamespacePropertiesResponse;

/**
 * Namespaces of the caller's warehouse: readers list and load, writers create and drop,
 * tenant-admins also change properties. A namespace's {@code location} stays under the warehouse.
 * Every change is recorded by {@link CatalogAudit}.
 */
@Singleton
public class NamespaceService {
    private final WarehouseAccess warehouses;
    private final CatalogAudit audit;

    public NamespaceService(WarehouseAccess warehouses, CatalogAudit audit) {
        this.warehouses = warehouses;
        this.audit = audit;
    }

    /** The namespaces under {@code parent} (the top-level ones when it is empty), a page at a time. */
    public ListNamespacesResponse list(Caller caller, String prefix, Namespace parent, String pageToken, String pageSize) {
        Warehouse warehouse = warehouses.open(caller, prefix, "list namespaces", AccessClass.READER);
        PageRequest page = PageRequest.of(pageToken, pageSize);
        return CatalogHandlers.listNamespaces(warehouse.catalog(), parent, page.token(), page.size());
    }

    public CreateNamespaceResponse create(Caller caller, String prefix, CreateNamespaceRequest request) {
        AuditTarget target = request.namespace() == null ? AuditTarget.warehouse(prefix)
                : AuditTarget.namespace(prefix, request.namespace());
        return audit.record(caller, "namespace.create", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "create namespaces", AccessClass.WRITER);
            request.validate();
            CatalogLimits.namespace(request.namespace());
            CatalogLimits.namespaceProperties(request.properties());
            StorageConfinement.properties(warehouse.root(), request.properties());
            return CatalogHandlers.createNamespace(warehouse.catalog(), request);
        });
    }

    public GetNamespaceResponse load(Caller caller, String prefix, Namespace namespace) {
        Warehouse warehouse = warehouses.open(caller, prefix, "load namespaces", AccessClass.READER);
        return CatalogHandlers.loadNamespace(warehouse.catalog(), namespace);
    }

    public void exists(Caller caller, String prefix, Namespace namespace) {
        Warehouse warehouse = warehouses.open(caller, prefix, "check namespaces", AccessClass.READER);
        CatalogHandlers.namespaceExists(warehouse.catalog(), namespace);
    }

    public UpdateNamespacePropertiesResponse updateProperties(Caller caller, String prefix, Namespace namespace,
                                                              UpdateNamespacePropertiesRequest request) {
        return audit.record(caller, "namespace.update_properties", AuditTarget.namespace(prefix, namespace), () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "update namespace properties", AccessClass.ADMIN);
            request.validate();
            CatalogLimits.namespaceProperties(request.updates());
            StorageConfinement.properties(warehouse.root(), request.updates());
            return CatalogHandlers.updateNamespaceProperties(warehouse.catalog(), namespace, request);
        });
    }

    /**
     * Refuses to create a table or view in a namespace that was never created, in Iceberg's words
     * (the JDBC catalog's own refusal names the warehouse's internal catalog name).
     */
    static void requireExists(SupportsNamespaces catalog, Namespace namespace) {
        if (!catalog.namespaceExists(namespace)) {
            throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
        }
    }

    public void drop(Caller caller, String prefix, Namespace namespace) {
        audit.record(caller, "namespace.drop", AuditTarget.namespace(prefix, namespace), () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "drop namespaces", AccessClass.WRITER);
            CatalogHandlers.dropNamespace(warehouse.catalog(), namespace);
        });
    }
}
