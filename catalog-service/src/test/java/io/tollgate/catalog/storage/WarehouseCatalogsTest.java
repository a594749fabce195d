package io.tollgate.catalog.storage;

import io.micronaut.jdbc.DataSourceResolver;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One catalog (and FileIO) per warehouse: kept while its settings hold, replaced when they change, closed when it goes. */
class WarehouseCatalogsTest {
    private static final PostgresDatabase DB = PostgresDatabase.create();
    private static final PGSimpleDataSource DATA_SOURCE = migrated();
    private static final WarehouseStorage STORAGE = new WarehouseStorage("http://localhost:1", "us-east-1", true,
            "key", "secret");
    private final WarehouseCatalogs catalogs = new WarehouseCatalogs(DATA_SOURCE, DataSourceResolver.DEFAULT, 1 << 24);

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

    private static WarehouseStorage copy(WarehouseStorage storage) {
        return new WarehouseStorage(storage.endpoint(), storage.region(), storage.pathStyle(), storage.accessKeyId(),
                storage.secretAccessKey());
    }

    // The service's own schema, as its Flyway migrations make it at start.
    private static PGSimpleDataSource migrated() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(DB.jdbcUrl());
        dataSource.setUser(DB.username());
        dataSource.setPassword(DB.password());
        dataSource.setCurrentSchema("catalog");
        Flyway.configure().dataSource(dataSource).schemas("catalog").defaultSchema("catalog").createSchemas(true)
                .load().migrate();
        return dataSource;
    }
}
