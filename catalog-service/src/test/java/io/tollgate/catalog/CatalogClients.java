package io.tollgate.catalog;

import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.rest.RESTCatalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Iceberg's own Java client ({@code RESTCatalog}) pointed at a catalog under test, one per
 * subject, each with a freshly minted token of {@link CatalogTestTenants#TOKENS}; closed together.
 */
final class CatalogClients implements AutoCloseable {
    private final String catalog;
    private final List<RESTCatalog> opened = new ArrayList<>();

    /** Clients of the catalog at this base address. */
    CatalogClients(String catalog) {
        this.catalog = catalog;
    }

    /**
     * A client writing data files through {@link ClientLocalFileIO}, as a client with direct access
     * to the warehouse's disk would.
     */
    RESTCatalog as(String subject, String tenant, String role, String warehouse) {
        return as(subject, tenant, role, warehouse, Map.of());
    }

    /** A client with more of Iceberg's client properties than the connection's. */
    RESTCatalog as(String subject, String tenant, String role, String warehouse, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(more);
        properties.putAll(connection(subject, tenant, role, warehouse));
        properties.put(CatalogProperties.FILE_IO_IMPL, ClientLocalFileIO.class.getName());
        return open(subject, properties);
    }

    /**
     * A client writing its manifests with Iceberg's in-memory FileIO (the catalog only records their
     * locations), so that appends need no disk and no Hadoop on the client side.
     */
    RESTCatalog writingInMemory(String subject, String tenant, String role, String warehouse) {
        Map<String, String> properties = connection(subject, tenant, role, warehouse);
        properties.put(CatalogProperties.FILE_IO_IMPL, InMemoryFileIO.class.getName());
        return open(subject, properties);
    }

    /** The properties that connect a client as a tenant's user, to add to: the catalog, the warehouse, a token. */
    Map<String, String> connection(String subject, String tenant, String role, String warehouse) {
        Map<String, String> properties = new HashMap<>();
        properties.put("uri", uri());
        properties.put("warehouse", warehouse);
        properties.put("token", token(subject, tenant, role));
        return properties;
    }

    /** A client with exactly these properties, closed with the others. */
    RESTCatalog open(String name, Map<String, String> properties) {
        RESTCatalog client = new RESTCatalog();
        opened.add(client);
        client.initialize(name, properties);
        return client;
    }

    /** The catalog's base address, for a client's {@code uri}. */
    String uri() {
        return catalog;
    }

    String token(String subject, String tenant, String role) {
        return CatalogTestTenants.token(subject, tenant, role);
    }

    @Override
    public void close() throws IOException {
        for (RESTCatalog client : opened) {
            client.close();
        }
    }
}
