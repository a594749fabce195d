package io.tollgate.catalog.storage;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * One Iceberg JdbcCatalog per tenant warehouse, all over the service's DataSource. A warehouse's
 * {@code catalog_name} is its tenant and name, so two tenants' warehouses of one name never share a
 * row. The tables are Flyway's (V1 schema, never created or upgraded by the library). Each catalog
 * has its warehouse's one FileIO: local, or S3 with the warehouse's storage settings. A catalog is
 * kept while its warehouse is unchanged in the registry (location and storage settings, keys
 * included); when it changes, a new one is opened and the old one closed with its FileIO (its S3
 * client), so there is at most one per warehouse the registry names; one whose warehouse went away
 * is closed by {@link #retain}.
 */
@Singleton
public class WarehouseCatalogs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseCatalogs.class);
    private final DataSource dataSource;
    private final Map<String, Opened> catalogs = new ConcurrentHashMap<>();
    private final long maxMetadataBytes;
    private final TableMetadataCache metadataCache;

    private record Opened(String tenantId, String warehouseName, String location, WarehouseStorage storage,
                          JdbcCatalog catalog, FileIO io) {
        boolean serves(String otherLocation, WarehouseStorage otherStorage) {
            return location.equals(otherLocation) && Objects.equals(storage, otherStorage);
        }
    }

    /**
     * Takes the pool itself: the DataSource Micronaut Data injects hands out only a connection
     * bound to a surrounding {@code @Transactional}/{@code @Connectable} method, and Iceberg's
     * catalog opens and closes its own per action.
     */
    public WarehouseCatalogs(DataSource dataSource, DataSourceResolver resolver,
                             @Value("${tollgate.catalog.max-metadata-bytes:16777216}") long maxMetadataBytes,
                             TableMetadataCache metadataCache) {
        this.dataSource = resolver.resolve(dataSource);
        this.maxMetadataBytes = maxMetadataBytes;
        this.metadataCache = metadataCache;
    }

    /** The catalog name under which a tenant's warehouse is stored. */
    public static String catalogName(String tenantId, String warehouseName) {
        return tenantId + "/" + warehouseName;
    }

    /**
     * The catalog of a tenant's warehouse, confined to its root.
     *
     * @param storage the warehouse's S3 storage, or null for a local one
     */
    public JdbcCatalog of(String tenantId, String warehouseName, String location, @Nullable WarehouseStorage storage) {
        String name = catalogName(tenantId, warehouseName);
        Opened[] replaced = new Opened[1];
        Opened current = catalogs.compute(name, (key, opened) -> {
            if (opened != null && opened.serves(location, storage)) {
                return opened;
            }
            replaced[0] = opened;
            FileIO io = fileIo(WarehouseRoot.of(location), storage);
            return new Opened(tenantId, warehouseName, location, storage, open(name, WarehouseRoot.of(location), io), io);
        });
        if (replaced[0] != null) {
            close(replaced[0]);
        }
        return current.catalog();
    }

    /**
     * Whether a file exists in a warehouse whose catalog is open, read through the warehouse's
     * (confined) FileIO: false for a warehouse not open here.
     */
    public boolean exists(String tenantId, String warehouseName, String location) {
        Opened opened = catalogs.get(catalogName(tenantId, warehouseName));
        return opened != null && opened.io().newInputFile(location).exists();
    }

    /**
     * The table metadata in a metadata file of an open catalog's warehouse, read through its
     * (confined) FileIO once and then kept ({@link TableMetadataCache}); empty for a catalog replaced
     * or closed since the caller opened it (the caller loads through the catalog, uncached).
     */
    public Optional<TableMetadata> metadata(JdbcCatalog catalog, String location) {
        Opened opened = catalogs.get(catalog.name());
        if (opened == null || opened.catalog() != catalog) {
            return Optional.empty();
        }
        return Optional.of(metadataCache.read(catalog, opened.io(), location));
    }

    /**
     * Metadata a commit through an open catalog has just written and read back: kept, so that the
     * next load of that version need not read it ({@link TableMetadataCache#keep}). Failing to keep it
     * (its size could not be had) is not the commit's failure: it is logged, and a load reads the file.
     */
    public void written(JdbcCatalog catalog, TableMetadata metadata) {
        Opened opened = catalogs.get(catalog.name());
        if (opened == null || opened.catalog() != catalog || metadata.metadataFileLocation() == null) {
            return;
        }
        try {
            metadataCache.keep(catalog, opened.io(), metadata);
        } catch (RuntimeException e) {
            LOG.debug("keeping a committed metadata file's parsed form failed; a load will read it", e);
        }
    }

    /** A table of the catalog was dropped: nothing read through it is kept (a purged file may be written again). */
    public void tableDropped(JdbcCatalog catalog) {
        metadataCache.forget(catalog);
    }

    /**
     * Closes the catalogs (and their FileIOs) of warehouses that are no longer registered, so that
     * a warehouse that went away does not keep its S3 client.
     *
     * @param registered whether a tenant (by id) still has a warehouse of that name
     */
    public void retain(BiPredicate<String, String> registered) {
        catalogs.forEach((name, opened) -> {
            if (!registered.test(opened.tenantId(), opened.warehouseName()) && catalogs.remove(name, opened)) {
                close(opened);
            }
        });
    }

    private JdbcCatalog open(String name, WarehouseRoot root, FileIO io) {
        JdbcCatalog catalog = new JdbcCatalog(properties -> io, properties -> new DataSourceClientPool(dataSource), false);
        catalog.initialize(name, Map.of(
                CatalogProperties.URI, "jdbc:tollgate-datasource",
                CatalogProperties.WAREHOUSE_LOCATION, root.location(),
                "jdbc.init-catalog-tables", "false",
                "jdbc.schema-version", "V1",
                // A table or view in a namespace that was never created is refused (404), as the
                // REST spec says, rather than making the namespace appear implicitly.
                "jdbc.strict-mode", "true"));
        return catalog;
    }

    private FileIO fileIo(WarehouseRoot root, @Nullable WarehouseStorage storage) {
        if (root instanceof S3Root s3) {
            if (storage == null) {
                throw new IllegalStateException("the registry's s3 warehouse has no storage settings");
            }
            return new ConfinedS3FileIO(s3, storage, maxMetadataBytes);
        }
        if (storage != null) {
            throw new IllegalStateException("the registry's warehouse has S3 storage settings but a local location");
        }
        return new LocalWarehouseFileIO((LocalRoot) root, maxMetadataBytes);
    }

    // A request still holding the old catalog fails on its closed FileIO and may be retried; the
    // settings it was opened with are no longer the warehouse's anyway. A failure to close is not
    // the caller's: it is logged, and the new catalog serves.
    private void close(Opened opened) {
        metadataCache.forget(opened.catalog());
        try {
            opened.catalog().close();
        } catch (RuntimeException e) {
            LOG.warn("closing a replaced warehouse catalog failed", e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        catalogs.values().forEach(this::close);
        catalogs.clear();
    }
}
