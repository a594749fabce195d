package io.tollgate.catalog.storage;

import io.tollgate.proto.router.v1.Warehouse;
import io.micronaut.context.annotation.Value;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

import javax.sql.DataSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Iceberg JdbcCatalog per tenant warehouse, all over the service's DataSource. A warehouse's
 * {@code catalog_name} is its tenant and name, so two tenants' warehouses of one name never share a
 * row. The tables are Flyway's (V1 schema, never created or upgraded by the library). A catalog is
 * kept while its warehouse is unchanged in the registry (location and storage settings, keys
 * included); any change gets a new one. At most one catalog per warehouse the registry names: the
 * registry bounds a tenant's warehouses.
 */
@Singleton
public class WarehouseCatalogs {
    private final DataSource dataSource;
    private final Map<String, Opened> catalogs = new ConcurrentHashMap<>();
    private final long maxMetadataBytes;

    private record Opened(Warehouse warehouse, JdbcCatalog catalog) {
    }

    /**
     * Takes the pool itself: the DataSource Micronaut Data injects hands out only a connection
     * bound to a surrounding {@code @Transactional}/{@code @Connectable} method, and Iceberg's
     * catalog opens and closes its own per action.
     */
    public WarehouseCatalogs(DataSource dataSource, DataSourceResolver resolver,
                             @Value("${tollgate.catalog.max-metadata-bytes:16777216}") long maxMetadataBytes) {
        this.dataSource = resolver.resolve(dataSource);
        this.maxMetadataBytes = maxMetadataBytes;
    }

    /** The catalog name under which a tenant's warehouse is stored. */
    public static String catalogName(String tenantId, Warehouse warehouse) {
        return tenantId + "/" + warehouse.getName();
    }

    /** The catalog of a tenant's warehouse, confined to its root. */
    public JdbcCatalog of(String tenantId, Warehouse warehouse) {
        String name = catalogName(tenantId, warehouse);
        return catalogs.compute(name, (key, opened) -> opened != null && opened.warehouse().equals(warehouse)
                ? opened
                : new Opened(warehouse, open(name, WarehouseRoot.of(warehouse.getLocation())))).catalog();
    }

    private JdbcCatalog open(String name, WarehouseRoot root) {
        JdbcCatalog catalog = new JdbcCatalog(properties -> new LocalWarehouseFileIO(root, maxMetadataBytes),
                properties -> new DataSourceClientPool(dataSource), false);
        catalog.initialize(name, Map.of(
                CatalogProperties.URI, "jdbc:tollgate-datasource",
                CatalogProperties.WAREHOUSE_LOCATION, root.location(),
                "jdbc.init-catalog-tables", "false",
                "jdbc.schema-version", "V1"));
        return catalog;
    }
}
