package io.tollgate.catalog.handler;

import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.Namespace;
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
 */
@Singleton
public class NamespaceService {
    private final WarehouseAccess warehouses;

    public NamespaceService(WarehouseAccess warehouses) {
        this.warehouses = warehouses;
    }

    /** The namespaces under {@code parent} (the top-level ones when it is empty), a page at a time. */
    public ListNamespacesResponse list(Caller caller, String prefix, Namespace parent, String pageToken, String pageSize) {
        Warehouse warehouse = warehouses.open(caller, prefix, "list namespaces", AccessClass.READER);
        PageRequest page = PageRequest.of(pageToken, pageSize);
        return CatalogHandlers.listNamespaces(warehouse.catalog(), parent, page.token(), page.size());
    }

    public CreateNamespaceResponse create(Caller caller, String prefix, CreateNamespaceRequest request) {
        Warehouse warehouse = warehouses.open(caller, prefix, "create namespaces", AccessClass.WRITER);
        request.validate();
        CatalogLimits.namespace(request.namespace());
        CatalogLimits.namespaceProperties(request.properties());
        StorageConfinement.properties(warehouse.root(), request.properties());
        return CatalogHandlers.createNamespace(warehouse.catalog(), request);
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
        Warehouse warehouse = warehouses.open(caller, prefix, "update namespace properties", AccessClass.ADMIN);
        request.validate();
        CatalogLimits.namespaceProperties(request.updates());
        StorageConfinement.properties(warehouse.root(), request.updates());
        return CatalogHandlers.updateNamespaceProperties(warehouse.catalog(), namespace, request);
    }

    public void drop(Caller caller, String prefix, Namespace namespace) {
        Warehouse warehouse = warehouses.open(caller, prefix, "drop namespaces", AccessClass.WRITER);
        CatalogHandlers.dropNamespace(warehouse.catalog(), namespace);
    }
}
