package io.tollgate.catalog;

import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.Warehouse;
import io.tollgate.testkit.tokens.TestTokens;
import org.apache.iceberg.rest.RESTCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Iceberg's own Java client ({@code RESTCatalog}) pointed at a catalog under test, one per
 * subject, each with a freshly minted token; closed together. Clients write data files through
 * {@link ClientLocalFileIO}, as a client with direct access to the warehouse's disk would.
 */
final class CatalogClients implements AutoCloseable {
    private final URL catalog;
    private final TestTokens tokens;
    private final List<RESTCatalog> opened = new ArrayList<>();

    CatalogClients(URL catalog, TestTokens tokens) {
        this.catalog = catalog;
        this.tokens = tokens;
    }

    RESTCatalog as(String subject, String tenant, String role, String warehouse) {
        return as(subject, tenant, role, warehouse, Map.of());
    }

    /** A client with more of Iceberg's client properties than the connection's. */
    RESTCatalog as(String subject, String tenant, String role, String warehouse, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(more);
        properties.putAll(Map.of(
                "uri", catalog.toString(),
                "warehouse", warehouse,
                "io-impl", ClientLocalFileIO.class.getName(),
                "token", token(subject, tenant, role)));
        RESTCatalog client = new RESTCatalog();
        client.initialize(subject, properties);
        opened.add(client);
        return client;
    }

    String token(String subject, String tenant, String role) {
        return tokens.mint(subject, tenant, List.of(role), Duration.ofMinutes(10));
    }

    /** An active tenant of the registry with one local warehouse. */
    static Tenant tenant(String id, String warehouse, Path root) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(TenantStatus.TENANT_STATUS_ACTIVE)
                .setRevision(1)
                .addWarehouses(Warehouse.newBuilder().setName(warehouse).setLocation("file://" + root))
                .build();
    }

    /** A new directory for a test's warehouses, as its real path (so that locations compare as written). */
    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("catalog-warehouses").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (RESTCatalog client : opened) {
            client.close();
        }
    }
}
