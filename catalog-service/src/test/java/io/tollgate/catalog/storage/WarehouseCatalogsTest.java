package io.tollgate.catalog.storage;

import io.micronaut.jdbc.DataSourceResolver;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One catalog (and FileIO) per warehouse: kept while its settings hold, replaced when they change, closed when it goes. */
class WarehouseCatalogsTest {
    private static final PostgresDatabase DB = PostgresDatabase.create();
    private static final PGSimpleDataSource DATA_SOURCE = CatalogSchema.migrated(DB);
    private static final WarehouseStorage STORAGE = new WarehouseStorage("http://localhost:1", "us-east-1", true,
            "key", "secret");
    private final TableMetadataCache metadataCache = new TableMetadataCache(2, 1 << 20);
    private final WarehouseCatalogs catalogs = new WarehouseCatalogs(DATA_SOURCE, DataSourceResolver.DEFAULT, 1 << 24,
            metadataCache);
    @TempDir
    Path warehouse;

    @AfterEach
    void close() {
        catalogs.close();
    }

    @Test
    void aWarehouseKeepsItsCatalogUntilItsStorageSettingsChange() {
        JdbcCatalog first = catalogs.of("acme", "lake", "s3://lake/acme", STORAGE);
        assertSame(first, catalogs.of("acme", "lake", "s3://lake/acme", copy(STORAGE)));
        JdbcCatalog rotated = catalogs.of("acme", "lake", "s3://lake/acme",
                new WarehouseStorage("http://localhost:1", "us-east-1", true, "key", "rotated-secret"));
        assertNotSame(first, rotated);
        assertNotSame(rotated, catalogs.of("acme", "lake", "s3://lake/acme2", STORAGE), "a new location is a new catalog");
    }

    @Test
    void aWarehouseThatWentAwayHasItsCatalogClosed() {
        JdbcCatalog acme = catalogs.of("acme", "lake", "s3://lake/acme", STORAGE);
        JdbcCatalog globex = catalogs.of("globex", "lake", "s3://lake/globex", STORAGE);
        catalogs.retain((tenant, warehouse) -> tenant.equals("globex"));
        assertSame(globex, catalogs.of("globex", "lake", "s3://lake/globex", STORAGE));
        assertNotSame(acme, catalogs.of("acme", "lake", "s3://lake/acme", STORAGE), "acme's was closed and is opened anew");
    }

    @Test
    void anS3LocationWithoutStorageSettingsOrALocalOneWithThemIsTheRegistrysMistake() {
        assertThrows(IllegalStateException.class, () -> catalogs.of("acme", "lake", "s3://lake/acme", null));
        assertThrows(IllegalStateException.class, () -> catalogs.of("acme", "local", "/srv/acme", STORAGE));
    }

    @Test
    void aMetadataFileIsParsedOnceThenServedFromMemoryUntilItsCatalogDropsATable() throws Exception {
        JdbcCatalog acme = catalogs.of("acme", "cached", warehouse.toString(), null);
        acme.createNamespace(Namespace.of("db"));
        Table table = acme.createTable(TableIdentifier.of("db", "t"), new Schema(Types.NestedField.required(1, "id",
                Types.LongType.get())));
        String location = ((BaseTable) table).operations().current().metadataFileLocation();
        TableMetadata first = catalogs.metadata(acme, location).orElseThrow();
        assertEquals(table.uuid().toString(), first.uuid());
        assertEquals(location, first.metadataFileLocation());
        // Metadata files are never rewritten; one that were would show the parse is not repeated.
        Path file = Path.of(java.net.URI.create(location.startsWith("file:") ? location : "file:" + location));
        Files.writeString(file, "not metadata");
        assertSame(first, catalogs.metadata(acme, location).orElseThrow());

        catalogs.tableDropped(acme);
        assertEquals(0, metadataCache.size());
        assertThrows(RuntimeException.class, () -> catalogs.metadata(acme, location), "read afresh after a drop");
    }

    @Test
    void theMetadataCacheHoldsAtMostItsEntriesAndNothingOfAReplacedCatalog() {
        JdbcCatalog acme = catalogs.of("acme", "bounded", warehouse.toString(), null);
        acme.createNamespace(Namespace.of("db"));
        List<String> locations = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Table table = acme.createTable(TableIdentifier.of("db", name), new Schema(Types.NestedField.required(1,
                    "id", Types.LongType.get())));
            locations.add(((BaseTable) table).operations().current().metadataFileLocation());
        }
        locations.forEach(location -> catalogs.metadata(acme, location).orElseThrow());
        assertTrue(metadataCache.size() <= 2, "at most max-entries kept: " + metadataCache.size());

        JdbcCatalog moved = catalogs.of("acme", "bounded", warehouse.resolve("elsewhere").toString(), null);
        assertNotSame(acme, moved);
        assertEquals(0, metadataCache.size(), "the replaced catalog's entries went with it");
        assertTrue(catalogs.metadata(acme, locations.get(0)).isEmpty(), "a replaced catalog reads nothing through the cache");
    }

    private static WarehouseStorage copy(WarehouseStorage storage) {
        return new WarehouseStorage(storage.endpoint(), storage.region(), storage.pathStyle(), storage.accessKeyId(),
                storage.secretAccessKey());
    }
}
